"""Running a schema script statement by statement, inside the caller's transaction.

sqlite3's executescript() would commit first, breaking the one-transaction upgrade.
"""
import sqlite3


def run_script(database, script: str) -> None:
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            database.execute_sql(pending)
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete statement in schema script: {pending[:60]!r}")
