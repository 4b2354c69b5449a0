"""Finding and opening a book, and what it holds at a glance."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from db.connection import open_database

ENV_VAR = "CLIENTBOOK_DB"


def default_book_path() -> Path:
    return platformdirs.user_data_path("clientbook") / "clientbook.db"


def resolve_book_path(option: str | os.PathLike | None = None) -> Path:
    """`--db PATH` wins, then CLIENTBOOK_DB, then the default book."""
    chosen = option or os.environ.get(ENV_VAR) or default_book_path()
    return Path(chosen).expanduser()


def open_book(path: str | os.PathLike):
    """Open the book at `path`, creating or upgrading it; derived data is kept in step."""
    from clientbook.services.derived import rebuild

    return open_database(path, rebuild=rebuild)


@dataclass(frozen=True)
class BookSummary:
    path: str
    name: str
    clients: int
    archived: int
    visits: int
    masters: int
    services: int


def summary(database, path: str | os.PathLike) -> BookSummary:
    def count(sql: str) -> int:
        return database.execute_sql(sql).fetchone()[0]

    from clientbook.services.settings import get_setting

    return BookSummary(
        path=str(path),
        name=get_setting(database, "studio_name", "") or Path(path).stem,
        clients=count("SELECT count(*) FROM clients WHERE archived_at IS NULL"),
        archived=count("SELECT count(*) FROM clients WHERE archived_at IS NOT NULL"),
        visits=count("SELECT count(*) FROM visits"),
        masters=count("SELECT count(*) FROM masters"),
        services=count("SELECT count(*) FROM services"),
    )
