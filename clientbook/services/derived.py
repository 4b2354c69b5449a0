"""Derived data kept in the book for speed, and rebuilding it from the facts."""
from __future__ import annotations


def rebuild(database, names: set[str] | None = None) -> None:
    """Recompute the named derived data (all when None) inside the caller's transaction."""
    from clientbook.services.indexing import index_all

    names = names or {"search"}
    if "search" in names:
        index_all(database)
