"""Level 12: every row a studio writes records the desk and the person who wrote it
(written_desk, written_user; db/writers.py fills them). Rows written before stay unsigned."""

from db.writers import SIGNED_TABLES, add_server_triggers


def _columns(database) -> None:
    for table in SIGNED_TABLES:
        database.execute_sql(f"ALTER TABLE {table} ADD COLUMN written_desk TEXT")
        database.execute_sql(f"ALTER TABLE {table} ADD COLUMN written_user TEXT")


def up(database) -> None:
    _columns(database)


def up_postgresql(database) -> None:
    _columns(database)
    add_server_triggers(database)
