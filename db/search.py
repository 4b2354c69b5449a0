"""The search index: storing each client's normalised text, and the queries over it.

The normalised text is made by the caller (clientbook.domain.text); this module only
knows SQL. Fragments of three characters or more go to the trigram FTS5 index through
MATCH; one- and two-character words use a prefix range on `client_words`.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class SearchEntry:
    client_id: int
    name_key: str  # normalised full name: the order of results
    doc: str  # normalised name, address, tags, e-mail, external id
    phones: str  # every digit form of every phone, space-separated
    words: frozenset[str]  # the words of `doc`, for short prefixes


def replace_entries(database, entries: Iterable[SearchEntry]) -> None:
    """Insert or refresh entries (call inside the writer's transaction)."""
    entries = list(entries)
    if not entries:
        return
    database.execute_sql("DROP TABLE IF EXISTS temp.reindexed")
    database.execute_sql("CREATE TEMP TABLE reindexed (client_id INTEGER PRIMARY KEY)")
    cursor = database.cursor()
    cursor.executemany("INSERT INTO temp.reindexed VALUES (?)", [(e.client_id,) for e in entries])
    cursor.execute(
        "DELETE FROM client_words WHERE client_id IN (SELECT client_id FROM temp.reindexed)"
    )
    cursor.executemany(
        "INSERT INTO client_search (client_id, name_key, doc, phones) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (client_id) DO UPDATE SET "
        "name_key = excluded.name_key, doc = excluded.doc, phones = excluded.phones",
        [(e.client_id, e.name_key, e.doc, e.phones) for e in entries],
    )
    cursor.executemany(
        "INSERT OR IGNORE INTO client_words (word, client_id) VALUES (?, ?)",
        [(word, e.client_id) for e in entries for word in e.words],
    )
    database.execute_sql("DROP TABLE temp.reindexed")


def clear(database) -> None:
    database.execute_sql("DELETE FROM client_words")
    database.execute_sql("DELETE FROM client_search")
    database.execute_sql("INSERT INTO client_fts (client_fts) VALUES ('delete-all')")


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _prefix_upper_bound(prefix: str) -> str:
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def find_ids(
    database,
    *,
    fragments: Sequence[str] = (),
    prefixes: Sequence[str] = (),
    phone_digits: str = "",
    include_archived: bool = False,
    limit: int = 100,
    offset: int = 0,
) -> list[int]:
    """Ids of clients matching every term, ordered by name; a page of `limit` from `offset`."""
    where, params = [], []
    match = [f"doc : {_quoted(t)}" if not t.isdigit() else _quoted(t) for t in fragments]
    if phone_digits:
        match.append(f"phones : {_quoted(phone_digits)}")
    if match:
        where.append("s.client_id IN (SELECT rowid FROM client_fts WHERE client_fts MATCH ?)")
        params.append(" AND ".join(match))
    for prefix in prefixes:
        where.append(
            "s.client_id IN (SELECT client_id FROM client_words WHERE word >= ? AND word < ?)"
        )
        params += [prefix, _prefix_upper_bound(prefix)]
    if not include_archived:
        where.append("c.archived_at IS NULL")
    sql = "SELECT s.client_id FROM client_search s JOIN clients c ON c.id = s.client_id"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY s.name_key, s.client_id LIMIT ? OFFSET ?"
    params += [limit, offset]
    return [row[0] for row in database.execute_sql(sql, params)]
