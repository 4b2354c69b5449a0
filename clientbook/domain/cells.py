"""A spreadsheet's cell never runs: the OWASP rule for CSV, and its undoing on import.

Excel, LibreOffice and Google Sheets read a cell that starts with `=`, `+`, `-` or `@` (and,
in some, a tab or a CR before one) as a formula: `=HYPERLINK("http://…?"&A1, "click")` sends
the row away. An exported cell that starts so is written with a leading `'`, which every
spreadsheet takes as "text". Import takes that mark off again, so the round trip is exact.

The mark is added to a cell that starts with any number of `'` and then one of those
characters, and taken off only such a cell: a note "'=x" of a studio's own goes out as
"''=x" and comes back as "'=x"; "'quoted" is left alone both ways.
"""
from __future__ import annotations

import re

MARK = "'"
_RUNS = re.compile(r"'*[=+\-@\t\r]")


def neutralise(cell: str) -> str:
    """The cell as it goes into a CSV file: a `'` before anything a spreadsheet would run."""
    return MARK + cell if _RUNS.match(cell) else cell


def unmark(cell: str) -> str:
    """The cell as it was before `neutralise` (a file's own "'+7 916…" loses its mark too)."""
    return cell[1:] if cell[:1] == MARK and _RUNS.match(cell, 1) else cell


def neutralise_row(row: dict) -> dict:
    """Every text value of a CSV row neutralised; numbers and None as they are."""
    return {key: neutralise(value) if isinstance(value, str) else value for key, value in row.items()}
