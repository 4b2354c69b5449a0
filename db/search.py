"""The search index: storing each client's normalised text, and the queries over it.

The normalised text is made by the caller (clientbook.domain.text); this module only
knows SQL. Fragments of three characters or more go to the trigram FTS5 index through
MATCH; one- and two-character words use a prefix range on `client_words`.

On a PostgreSQL server the fragments are `LIKE '%fragment%'` on the same normalised
columns, served by their pg_trgm indexes (db/migrations/m0002_search_index.py): the same
matches, as the text is stored folded. The first names are walked in order; when the page
is not among them, the matches are collected by the indexes and sorted (find_ids).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from db.postgres import dialect


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
    if dialect(database) == "sqlite":
        database.execute_sql("INSERT INTO client_fts (client_fts) VALUES ('delete-all')")


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _prefix_upper_bound(prefix: str) -> str:
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


# A term matching at least a tenth of the book (and 2,000 clients) is "common": instead of
# collecting every match and sorting them by name, the clients are walked in name order
# and each is checked, which stops after a page. A rare term is faster the other way
# round. (At 100,000 clients: "а" 31 ms -> 0.4 ms, "ова" 30 -> 0.4, "щ" stays 0.9 ms
# where walking would take 90.)
WALKED = 4000  # names a server walks in order before it collects a search's clients
COMMON_SHARE = 10
COMMON_AT_LEAST = 2000


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
    match = [f"doc : {_quoted(t)}" if not t.isdigit() else _quoted(t) for t in fragments]
    if phone_digits:
        match.append(f"phones : {_quoted(phone_digits)}")
    ranges = [(prefix, _prefix_upper_bound(prefix)) for prefix in prefixes]
    names, order = "client_search", "s.name_key, s.client_id"
    server = dialect(database) == "postgresql"
    if server:
        where, params = _checked_in_name_order(fragments, phone_digits, ranges, contains=_like)
    elif (match or ranges) and _all_common(database, match, ranges, _common(database)):
        where, params = _checked_in_name_order(fragments, phone_digits, ranges)
    else:
        where, params = [], []
        if match:
            where.append("s.client_id IN (SELECT rowid FROM client_fts WHERE client_fts MATCH ?)")
            params.append(" AND ".join(match))
        for low, high in ranges:
            where.append(
                "s.client_id IN (SELECT client_id FROM client_words WHERE word >= ? AND word < ?)")
            params += [low, high]
    if not include_archived:
        where.append("c.archived_at IS NULL")

    def page(names: str, order: str, first: tuple = ()) -> list[int]:
        sql = f"SELECT s.client_id FROM {names} s JOIN clients c ON c.id = s.client_id"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {order} LIMIT ? OFFSET ?"
        return [row[0] for row in database.execute_sql(sql, [*first, *params, limit, offset])]

    if not (server and (fragments or phone_digits or ranges)):
        return page(names, order)
    # Any term on a server. The planner takes its clients as spread evenly over the names
    # and walks them in order; those of «ко» or «смирнова» come late (surnames in К…, С…):
    # 80 and 32 ms at 100,000 clients. The walk is tried on the first names only; when the
    # page is not there, the clients are collected, then put in name order (an order the
    # index cannot serve).
    found = page("(SELECT * FROM client_search ORDER BY name_key, client_id LIMIT ?)", order, (WALKED,))
    if len(found) == limit:
        return found  # the first matches in name order: the same page as a walk of them all
    return page(names, "s.name_key || '', s.client_id")


def _common(database) -> int:
    size = database.execute_sql("SELECT max(client_id) FROM client_search").fetchone()[0] or 0
    return max(COMMON_AT_LEAST, size // COMMON_SHARE)


def _all_common(database, match: list[str], ranges: list[tuple[str, str]], common: int) -> bool:
    """Does every term match at least `common` clients? (Counting stops there.)"""
    for term in match:
        found = database.execute_sql(
            "SELECT count(*) FROM (SELECT 1 FROM client_fts WHERE client_fts MATCH ? LIMIT ?)",
            (term, common)).fetchone()[0]
        if found < common:
            return False
    for low, high in ranges:
        found = database.execute_sql(
            "SELECT count(*) FROM (SELECT 1 FROM client_words WHERE word >= ? AND word < ? LIMIT ?)",
            (low, high, common)).fetchone()[0]
        if found < common:
            return False
    return True


def _instr(column: str, term: str) -> tuple[str, str]:
    return f"instr({column}, ?) > 0", term


def _like(column: str, term: str) -> tuple[str, str]:
    """A fragment anywhere in the column, as a pg_trgm index serves it."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{column} LIKE ?", f"%{escaped}%"


def _checked_in_name_order(fragments, phone_digits, ranges, contains=_instr) -> tuple[list[str], list]:
    """Conditions checked row by row: the same matches as the index's (the text is stored
    folded, as the trigram index folds it), without collecting them all first."""
    where, params = [], []
    for term in fragments:
        if term.isdigit():
            (in_doc, doc_term), (in_phones, phones_term) = contains("s.doc", term), contains("s.phones", term)
            where.append(f"({in_doc} OR {in_phones})")
            params += [doc_term, phones_term]
        else:
            condition, value = contains("s.doc", term)
            where.append(condition)
            params.append(value)
    if phone_digits:
        condition, value = contains("s.phones", phone_digits)
        where.append(condition)
        params.append(value)
    for low, high in ranges:
        where.append("EXISTS (SELECT 1 FROM client_words w WHERE w.client_id = s.client_id "
                     "AND w.word >= ? AND w.word < ?)")
        params += [low, high]
    return where, params
