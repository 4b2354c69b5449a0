"""Derived data kept in the book for speed, and rebuilding it from the facts."""
from __future__ import annotations

from datetime import date

from clientbook.i18n import _

DERIVED = ("search", "figures", "outlook")


def rebuild_book(database, today: date) -> None:
    """Recompute every derived table from the facts, as one transaction (a repair); the
    return model is refitted on the history up to `today`."""
    with database.atomic():
        rebuild(database, today=today)


def rebuilt_sentence() -> str:
    return _("Rebuilt the search index, the figures of every client and the return model.")


def rebuild(database, names: set[str] | None = None, today: date | None = None) -> None:
    """Recompute the named derived data (all when None) inside the caller's transaction.
    Without `today` (a schema upgrade), the return model is refitted on the next use."""
    from clientbook.services.figures import rebuild_all
    from clientbook.services.indexing import index_all
    from clientbook.services.outlook import forget_model, refresh

    names = set(DERIVED) if names is None else names
    if "search" in names:
        index_all(database)
    if "figures" in names:
        rebuild_all(database)
    if "outlook" in names:
        if today is None:
            forget_model(database)
        else:
            refresh(database, today)
