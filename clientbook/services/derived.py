"""Derived data kept in the book for speed, and rebuilding it from the facts."""
from __future__ import annotations

from clientbook.i18n import _

DERIVED = ("search", "figures")


def rebuild_book(database) -> None:
    """Recompute every derived table from the facts, as one transaction (a repair)."""
    with database.atomic():
        rebuild(database)


def rebuilt_sentence() -> str:
    return _("Rebuilt the search index and the figures of every client.")


def rebuild(database, names: set[str] | None = None) -> None:
    """Recompute the named derived data (all when None) inside the caller's transaction."""
    from clientbook.services.figures import rebuild_all
    from clientbook.services.indexing import index_all

    names = set(DERIVED) if names is None else names
    if "search" in names:
        index_all(database)
    if "figures" in names:
        rebuild_all(database)
