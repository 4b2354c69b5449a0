"""Keeping the search index in step with the clients it describes."""
from __future__ import annotations

from collections.abc import Iterable

from clientbook.domain.names import full_name
from clientbook.domain.text import normalize, phone_search_forms, words
from db import facts, index_store, search

CHUNK = 5000


def _entries(database, ids: list[int]) -> list[search.SearchEntry]:
    tags: dict[int, list[str]] = {}
    for client_id, tag in index_store.tags_of(database, ids):
        tags.setdefault(client_id, []).append(tag)
    rows = index_store.indexed_rows(database, ids)
    entries = []
    for cid, first, last, patronymic, address, email, ext, phone, phone_alt in rows:
        name = full_name(first, last, patronymic)
        text = " ".join([name, address, *tags.get(cid, []), email or "", ext or ""])
        phones = [form for p in (phone, phone_alt) if p for form in phone_search_forms(p)]
        entries.append(
            search.SearchEntry(
                client_id=cid,
                name_key=normalize(name),
                doc=normalize(text),
                phones=" ".join(phones),
                words=frozenset(words(text)),
            )
        )
    return entries


def index_clients(database, client_ids: Iterable[int]) -> None:
    """Refresh the index for these clients (inside the writer's transaction)."""
    ids = list(dict.fromkeys(client_ids))
    for start in range(0, len(ids), CHUNK):
        search.replace_entries(database, _entries(database, ids[start : start + CHUNK]))


def index_all(database) -> None:
    search.clear(database)
    last = 0
    while True:
        ids = facts.client_ids_after(database, last, CHUNK)
        if not ids:
            return
        search.replace_entries(database, _entries(database, ids))
        last = ids[-1]
