"""Storage for the studio's settings: a key-value table (the defaults live in the code above)."""
from __future__ import annotations


def get(database, key: str) -> str | None:
    """The value the book stores for `key`; None when it stores none."""
    row = database.execute_sql("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return row[0] if row is not None else None


def put(database, key: str, value: str) -> None:
    """Store `value` for `key`, in place of the one stored (inside the caller's transaction)."""
    database.execute_sql(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def stored(database) -> dict[str, str]:
    """Every key the book stores → its value, those the code no longer knows too."""
    return dict(database.execute_sql("SELECT key, value FROM settings").fetchall())
