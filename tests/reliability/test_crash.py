"""A laptop that dies mid-write: a child process writes and is killed with SIGKILL at a
random moment; the book must be whole and hold exactly what was committed.

10 kills in the suite; `pytest tests/reliability --heavy` makes 60.
"""
from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from clientbook.services.book import open_book
from clientbook.services.demo import generate_demo
from tests.reliability.checks import assert_sound, figures_agree_with_rebuild

CLIENTBOOK = Path(sys.executable).parent / "clientbook"
IMPORT_ROWS = 8000

# Writes visits one transaction at a time, and says which one after each commit.
VISIT_WRITER = """
import sys
from datetime import date, datetime, timedelta
from clientbook.services.book import open_book
from clientbook.services.visits import NewVisit, add_visit
database = open_book(sys.argv[1])
first = int(sys.argv[2])
ids = [row[0] for row in database.execute_sql("SELECT id FROM clients ORDER BY id")]
print("ready", flush=True)
n = first
while True:
    add_visit(database, ids[n % len(ids)], NewVisit(
        datetime(2026, 1, 1) + timedelta(minutes=n), ("Маникюр",), price_cents=150000,
        notes=f"crash-{n}"), {"Маникюр": "nails"}, today=date(2026, 11, 22))
    print(n, flush=True)
    n += 1
"""


@pytest.fixture(scope="module")
def book(new_book_path):
    """A demo studio's book: a file, or a database on the server (tests/postgres/test_crash_pg.py)."""
    path = new_book_path("studio.db")
    database = open_book(path)
    generate_demo(database, clients=150, seed=3, today=date(2026, 11, 22))
    database.close()
    return path


def check_book(path):
    database = open_book(path)
    try:
        assert_sound(database)
        figures_agree_with_rebuild(database)
        return database.execute_sql(
            "SELECT notes FROM visits WHERE notes LIKE 'crash-%'").fetchall()
    finally:
        database.close()


def kill_visit_writer(path, first: int, rng: random.Random) -> tuple[set[int], set[int]]:
    child = subprocess.Popen([sys.executable, "-c", VISIT_WRITER, str(path), str(first)],
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "ready"
    time.sleep(rng.uniform(0.05, 0.6))
    child.send_signal(signal.SIGKILL)
    said, _err = child.communicate()
    committed = {int(line) for line in said.split()}
    present = {int(notes.removeprefix("crash-")) for (notes,) in check_book(path)}
    return committed, present


def kill_import(path, folder: Path, batch: int, rng: random.Random) -> int:
    sheet = folder / f"import-{batch}.csv"
    sheet.write_text("client_id,name,phone,notes\n" + "".join(
        f"IMP{batch}-{n},Клиент{n} Импортов,+7 999 {batch:02d}{n:05d},строка {n}\n"
        for n in range(IMPORT_ROWS)), encoding="utf-8")
    child = subprocess.Popen([str(CLIENTBOOK), "import", str(sheet), "--db", str(path)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(rng.uniform(0.4, 1.4))  # an import of this size takes about 1 s here, start to end
    child.send_signal(signal.SIGKILL)
    child.wait()
    check_book(path)
    database = open_book(path)
    try:
        return database.execute_sql("SELECT count(*) FROM clients WHERE external_id LIKE ?",
                                    (f"IMP{batch}-%",)).fetchone()[0]
    finally:
        database.close()


def test_killed_writers_leave_whole_books_with_exactly_what_was_committed(book, tmp_path, heavy):
    rng = random.Random(20261124)
    rounds = 30 if heavy else 5
    first, outcomes = 0, []
    for batch in range(rounds):
        committed, present = kill_visit_writer(book, first, rng)
        # Every commit the writer reported is there; at most the one it was printing is extra.
        assert committed <= present
        extra = {n for n in present if n >= first} - committed
        assert extra <= {max(committed, default=first - 1) + 1}
        first = max(present, default=first) + 1

        imported = kill_import(book, tmp_path, batch, rng)
        assert imported in (0, IMPORT_ROWS), f"a half import: {imported} of {IMPORT_ROWS}"
        outcomes.append(imported)
    print(f"imports killed before their commit: {outcomes.count(0)}, after: "
          f"{outcomes.count(IMPORT_ROWS)}; visits committed: {first}")
