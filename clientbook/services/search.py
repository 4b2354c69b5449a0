"""Finding clients as an admin types: fragments, any case, ё = е, phones however typed."""
from __future__ import annotations

from clientbook.domain.text import parse_query
from clientbook.i18n import _
from clientbook.services.clients import hits
from clientbook.services.records import ClientHit
from db.search import find_ids


def search(
    database, text: str, *, limit: int = 100, offset: int = 0, include_archived: bool = False
) -> list[ClientHit]:
    """A page of clients matching every word of `text`, by name; all clients when empty."""
    query = parse_query(text)
    ids = find_ids(
        database,
        fragments=query.fragments,
        prefixes=query.prefixes,
        phone_digits=query.phone_digits,
        include_archived=include_archived,
        limit=limit,
        offset=offset,
    )
    return hits(database, ids)


def nothing_found() -> str:
    return _("No clients found.")
