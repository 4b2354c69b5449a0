"""Storage for clientbook: SQLite through peewee, or a PostgreSQL server (db/postgres.py).
Knows nothing of the UI.

peewee imports psycopg at its own import whenever psycopg is installed: 70 ms and asyncio
for every command, though a book in a file needs none of it. So peewee is imported here
first with PostgreSQL's drivers held back; db.postgres hands psycopg to peewee when a
server's book is opened.
"""
import sys


class _DriversLater:
    HELD = ("psycopg", "psycopg2", "psycopg2cffi")

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in self.HELD:
            raise ModuleNotFoundError(f"{name} is imported only for a book on a server", name=name)
        return None


if "peewee" not in sys.modules:
    _held = _DriversLater()
    sys.meta_path.insert(0, _held)
    try:
        import peewee  # noqa: F401
    finally:
        sys.meta_path.remove(_held)
