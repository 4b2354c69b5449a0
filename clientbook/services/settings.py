"""Studio settings: a key-value table with defaults that live in code."""
from __future__ import annotations

DEFAULTS = {
    "default_region": "RU",
    "currency": "RUB",
    "studio_name": "",
}


def get_setting(database, key: str, default: str | None = None) -> str | None:
    row = database.execute_sql("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    if row is not None:
        return row[0]
    return DEFAULTS.get(key, default) if default is None else default


def set_setting(database, key: str, value: str) -> None:
    with database.atomic():
        database.execute_sql(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


def default_region(database) -> str:
    return get_setting(database, "default_region") or "RU"
