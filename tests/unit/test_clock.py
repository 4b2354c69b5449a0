"""The clock is read at the entry points only: the rules and the screens are handed the day.

Entry points: the command line's Choice (clientbook/cli/options.py), which hands `today`
and `now` to every command and to the terminal interface. Rows are stamped with the
database's own clock (db/stamps.py), which feeds no rule.
"""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).parent.parent.parent
ENTRY_POINTS = {ROOT / "clientbook/cli/options.py"}
CLOCK_CALLS = {"today", "now", "utcnow"}
CLOCK_OWNERS = {"date", "datetime"}


def clock_reads(source: str) -> list[int]:
    """Lines that read the clock: date.today(), datetime.now(), datetime.datetime.now()…"""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in CLOCK_CALLS:
            owner = node.value
            name = owner.id if isinstance(owner, ast.Name) else getattr(owner, "attr", None)
            if name in CLOCK_OWNERS:
                found.append(node.lineno)
    return found


def test_the_scan_sees_every_way_of_reading_the_clock():
    source = ("from datetime import date, datetime\nimport datetime as dt\n"
              "a = date.today()\nb = datetime.now()\nc = dt.datetime.now()\n"
              "d = dt.date.today()\ne = field(default_factory=date.today)\n"
              "f = datetime.utcnow()\ng = today.isoformat()\nh = self.now()\n")
    assert sorted(clock_reads(source)) == [3, 4, 5, 6, 7, 8]


def test_only_the_entry_points_read_the_clock():
    modules = sorted((ROOT / "clientbook").rglob("*.py")) + sorted((ROOT / "db").rglob("*.py"))
    readers = {
        f"{path.relative_to(ROOT)}:{line}"
        for path in modules if path not in ENTRY_POINTS
        for line in clock_reads(path.read_text(encoding="utf-8"))
    }
    assert not readers, f"pass today or now in from the entry point instead: {sorted(readers)}"


def test_the_entry_point_does_read_it():
    assert clock_reads((ROOT / "clientbook/cli/options.py").read_text(encoding="utf-8"))
