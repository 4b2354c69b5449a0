"""A book on a PostgreSQL server (issue 21: several desks, one book).

The address is a libpq URL, `postgresql://…` or `postgres://…`, handed to psycopg as it
is: libpq reads PGPASSFILE, PGSERVICE and service files, sslmode and the PG* variables as
every PostgreSQL tool does. A password in the URL is used to connect and never shown: the
book's name (`path`, every error, the repr) is the URL without it.

The dialect. db/ writes its SQL once, for SQLite; on this server `ServerBook` translates
each statement on its way to psycopg (`translate`), and the schema gives the few SQLite
functions PostgreSQL lacks (`FUNCTIONS`, made by the upgrade). Translated:
- placeholders: `?`, `?N` and `:name` become psycopg's `%s` / `%(name)s` (a literal `%`
  is doubled);
- `INSERT OR IGNORE` becomes `ON CONFLICT DO NOTHING`, `INSERT OR REPLACE` an upsert on
  the table's primary key (read from the catalog);
- `x IS ?` and `x IS NOT ?` become IS [NOT] DISTINCT FROM;
- instr is strpos, date(…) is the schema's sqlite_date(…), `temp.` is `pg_temp.`, and
  `LIMIT ?` takes SQLite's -1 for "no limit"; the schema makes julianday, group_concat and
  sum(boolean) (`FUNCTIONS`);
- the planner hints go: `+col` (SQLite's "not this index") and CROSS JOIN … ON (SQLite's
  "this table first") becomes a plain JOIN; a subquery in FROM gets the name PostgreSQL 15
  asks for;
- SQLite's numbers as truth values (`NOT ?`, `AND 1`, `(? AND …`) are cast to boolean; an
  empty `IN ()` is an empty list; min(a, b) and max(a, b) of several values (NULL when one
  is) are the aggregate over them; group_concat's value is cast to text; a statement
  ending in GROUP BY is ordered by its keys, NULL first, as SQLite hands the groups back;
- an INSERT into a table with an `id` answers with it (RETURNING id), for `lastrowid`;
- in CREATE TABLE: `id INTEGER PRIMARY KEY` is an identity column, REAL is DOUBLE
  PRECISION, WITHOUT ROWID goes, a foreign key is DEFERRABLE INITIALLY IMMEDIATE.
Rows written with their own ids (the demo, a JSON export) move the tables' id sequences
past them (`follow_ids`). Where a statement means something else on each side (the search index, the schema level,
a bare column beside max() in a GROUP BY, the clock), the module in db/ holds one text per
dialect and asks `dialect(database)`.
"""
from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

import peewee
from peewee import PostgresqlDatabase

from db.errors import BookDamaged, BookLocked, BookUnreachable, GoneMeanwhile

SCHEMES = ("postgresql://", "postgres://")
APPLICATION_NAME = "clientbook"


def is_server_address(location) -> bool:
    """Is this book's location a PostgreSQL server's URL (else a file's path)?"""
    return isinstance(location, str) and location.strip().lower().startswith(SCHEMES)


def dialect(database) -> str:
    """"sqlite" or "postgresql": which SQL the book speaks."""
    return getattr(database, "dialect", "sqlite")


def shown_address(url: str) -> str:
    """The URL as it may be shown, logged and put in messages: without its password (in
    the user part or as a `password=` parameter)."""
    parts = urlsplit(url.strip())
    netloc = parts.netloc
    if "@" in netloc:
        user, hosts = netloc.rsplit("@", 1)
        user = user.split(":", 1)[0]
        netloc = f"{user}@{hosts}" if user else hosts
    query = "&".join(item for item in parts.query.split("&")
                     if item and unquote(item.split("=", 1)[0]).lower() != "password")
    return f"{parts.scheme}://{netloc}{parts.path}" + (f"?{query}" if query else "") + \
        (f"#{parts.fragment}" if parts.fragment else "")  # urlunsplit would drop an empty host's //


def _secrets(url: str) -> list[str]:
    """The password as written in the URL and as meant, to scrub from any text."""
    parts = urlsplit(url.strip())
    found = []
    if "@" in parts.netloc:
        user = parts.netloc.rsplit("@", 1)[0]
        if ":" in user:
            found.append(user.split(":", 1)[1])
    for item in parts.query.split("&"):
        key, _sep, value = item.partition("=")
        if unquote(key).lower() == "password":
            found.append(value)
    return sorted({form for secret in found if secret for form in (secret, unquote(secret))}, key=len,
                  reverse=True)


def scrub(text: str, url: str) -> str:
    for secret in _secrets(url):
        text = text.replace(secret, "***")
    return text


# --- the driver -----------------------------------------------------------------------

def _driver():
    """psycopg, handed to peewee (db/__init__.py kept it from importing it at start)."""
    import psycopg
    from psycopg.pq import TransactionStatus
    from psycopg.types.json import Json, Jsonb

    if peewee.psycopg is None:
        peewee.psycopg, peewee.Json_pg3, peewee.Jsonb_pg3 = psycopg, Json, Jsonb
        peewee.TransactionStatus = TransactionStatus
        adapter = peewee.Psycopg3Adapter
        adapter.txn_idle, adapter.txn_inerror = TransactionStatus.IDLE, TransactionStatus.INERROR
        adapter.txn_unknown = TransactionStatus.UNKNOWN
    return psycopg


TRANSLATIONS_KEPT = 2000  # statements whose translation a book keeps


class ServerBook(PostgresqlDatabase):
    """An open book on a PostgreSQL server. `path` is its shown address (no password)."""

    dialect = "postgresql"
    param = "?"  # peewee's own queries are written as db/ writes its SQL, and translated alike
    read_only = ""
    writer: tuple[str, str] | None = None  # who writes through it (db/writers.py): none, rows as they are

    def init(self, database, conninfo: str = "", **kwargs):
        self._conninfo = conninfo
        self._keys: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self._translations: dict[tuple, tuple] = {}
        super().init(database, prefer_psycopg3=True, **kwargs)
        self.path = database

    def __repr__(self) -> str:
        return f"<ServerBook {self.path}>"

    def _connect(self):
        psycopg = _driver()
        from psycopg.types.numeric import FloatLoader

        # Parameters are bound on the client, as sqlite3 binds them: a NULL is a NULL of any
        # type (`? IS NULL`), where the server would ask which type it is.
        connection = psycopg.connect(self._conninfo, autocommit=True, application_name=APPLICATION_NAME,
                                     cursor_factory=psycopg.ClientCursor)
        # SQLite hands sums and averages back as numbers Python adds to floats; so does this.
        connection.adapters.register_loader("numeric", FloatLoader)
        # A studio's book is small enough to stay in the server's memory: reading a row by its
        # index costs about what reading the next one does, not four times as much as the
        # default assumes. With the default, a search's matches were joined to every client
        # by a full scan (33 ms at 100,000 clients, 5 with this). A value the server's
        # administrator set (its configuration, the database's, PGOPTIONS) is left alone.
        connection.execute("SELECT set_config('random_page_cost', %s, false) FROM pg_settings "
                           "WHERE name = 'random_page_cost' AND source = 'default'", (RANDOM_PAGE_COST,))
        from db.writers import sign_connection

        sign_connection(self, connection)  # each thread's connection signs the rows it writes
        return connection

    def cursor(self, named_cursor=None):
        return TranslatingCursor(self, super().cursor())

    def table_keys(self, table: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(every column, the primary key's columns) of a table, from the catalog."""
        if table not in self._keys:
            raw = super().cursor()
            raw.execute(
                "SELECT a.attname, coalesce(a.attnum = ANY (i.indkey), false) FROM pg_attribute a "
                "LEFT JOIN pg_index i ON i.indrelid = a.attrelid AND i.indisprimary "
                "WHERE a.attrelid = to_regclass(%s) AND a.attnum > 0 AND NOT a.attisdropped "
                "ORDER BY a.attnum", (table,))
            rows = raw.fetchall()
            self._keys[table] = (tuple(name for name, _key in rows), tuple(name for name, key in rows if key))
        return self._keys[table]

    def translated(self, sql: str, params, *, many: bool):
        """translate()'s answer, kept: a statement's translation depends only on its text, on
        how its parameters come (named, or how many) and on the tables' columns; the call
        list's seventeen statements took 5 ms of regular expressions each time."""
        named = isinstance(params, dict)
        key = (sql, named, None if named else len(params or ()), many)
        found = self._translations.get(key)
        if found is None:
            found = translate(sql, self, params, many=many)
            if len(self._translations) >= TRANSLATIONS_KEPT:
                self._translations.clear()  # statements built with their values inlined: start afresh
            self._translations[key] = found
        return found

    def forget_tables(self) -> None:
        """The schema changed (an upgrade): read the tables' columns afresh."""
        self._keys.clear()
        self._translations.clear()


class TranslatingCursor:
    """psycopg's cursor, taking db/'s SQLite-flavoured SQL; `lastrowid` as sqlite3 has it."""

    def __init__(self, database: ServerBook, cursor):
        self._database, self._cursor = database, cursor
        self._returns_id, self._id = False, None

    def execute(self, sql: str, params=()):
        text, order, self._returns_id = self._database.translated(sql, params, many=False)
        self._id = None
        with peewee.__exception_wrapper__:
            self._cursor.execute(text, _ordered(params, order))
        return self

    def executemany(self, sql: str, seq_of_params):
        rows = list(seq_of_params)
        text, order, _returns = self._database.translated(sql, rows[0] if rows else (), many=True)
        if not rows:
            return self
        plain = _PLAIN_INSERT.match(text) if len(rows) >= COPY_FROM else None
        with peewee.__exception_wrapper__:
            if plain is None:
                self._cursor.executemany(text, [_ordered(row, order) for row in rows])
                return self
            # Many rows of a plain INSERT (the rebuild's derived rows, an import's) go by COPY:
            # one stream instead of a statement each, the same rows, constraints and triggers.
            with self._cursor.copy(f"COPY {plain.group(1)} {plain.group(2) or ''} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(_copied(row if order is None else [row[index] for index in order]))
        return self

    @property
    def lastrowid(self):
        if self._returns_id and self._id is None:
            row = self._cursor.fetchone()
            self._id = row[0] if row else None
        return self._id

    def __iter__(self):
        return iter(self._cursor)

    def __getattr__(self, name):
        return getattr(self._cursor, name)


RANDOM_PAGE_COST = "1.1"  # the planner's cost of a row read by its index, as for data in memory
COPY_FROM = 100  # rows from which executemany streams a plain INSERT's rows by COPY
# INSERT INTO table [(columns)] VALUES (one placeholder per column): nothing computed on the way.
_PLAIN_INSERT = re.compile(r'\s*INSERT\s+INTO\s+("?\w+"?)\s*(\([^()]*\))?\s*VALUES\s*\(\s*%s(?:\s*,\s*%s)*\s*\)\s*$',
                           re.IGNORECASE)


def _copied(row) -> list:
    """A row's values as COPY takes them where INSERT would have cast them: True and False
    as 1 and 0 (the book's flags are integer columns), a whole float (a sum the server
    handed back as numeric) as an integer, for an integer column too. One pass, by exact
    type: a rebuild streams 18 million values."""
    return [int(value) if (kind := type(value)) is bool or (kind is float and value.is_integer()) else value
            for value in row]


def _ordered(params, order):
    """The parameters in the statement's order; True and False bound as 1 and 0, as sqlite3
    binds them (the book's flags are integer columns)."""
    if isinstance(params, dict):
        return {name: int(value) if isinstance(value, bool) else value for name, value in params.items()}
    if order is not None:
        params = [params[index] for index in order]
    if any(isinstance(value, bool) for value in params or ()):
        params = [int(value) if isinstance(value, bool) else value for value in params]
    return params


# --- the translation -----------------------------------------------------------------------

def _truth(found) -> str:
    """`NOT ?`, `AND 1`, `(? AND …`: SQLite's number as a truth value, PostgreSQL's boolean."""
    before, value = found.group(1), found.group(2)
    if before.startswith("(") and not re.match(r"\s*(AND|OR)\b", found.string[found.end():], re.IGNORECASE):
        return found.group(0)  # `(?)`: a list or a call's argument, not a truth value
    if re.search(r"\bBETWEEN\s+[^\s()]+\s*$", found.string[:found.start()], re.IGNORECASE):
        return found.group(0)  # `BETWEEN 0 AND 1`: a number
    if value in ("0", "1"):
        return before + ("TRUE" if value == "1" else "FALSE")
    return f"{before}CAST({value} AS boolean)"


_LITERAL = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"")
_KEPT = re.compile("\x00(\\d+)\x00")
_INSERT_OR = re.compile(r"^(\s*)INSERT\s+OR\s+(IGNORE|REPLACE)\s+INTO\s+", re.IGNORECASE)
_INSERT_INTO = re.compile(r"^\s*INSERT\s+(?:OR\s+\w+\s+)?INTO\s+([A-Za-z_][\w.]*)\s*(\(([^)]*)\))?",
                          re.IGNORECASE)
_REWRITES = (
    (re.compile(r"\bIS\s+NOT\s+(?=[?:][\w]?)", re.IGNORECASE), "IS DISTINCT FROM "),
    (re.compile(r"\bIS\s+(?=[?:][\w]?)", re.IGNORECASE), "IS NOT DISTINCT FROM "),
    (re.compile(r"\binstr\(", re.IGNORECASE), "strpos("),
    (re.compile(r"(?<![\w.])date\(", re.IGNORECASE), "sqlite_date("),
    (re.compile(r"\btemp\.", re.IGNORECASE), "pg_temp."),
    (re.compile(r"\bLIMIT\s+(\?\d*|:\w+)", re.IGNORECASE), r"LIMIT sqlite_limit(\1)"),
    (re.compile(r"\bCROSS\s+JOIN(\s+\w+(?:\s+(?!ON\b)\w+)?\s+ON)\b", re.IGNORECASE), r"JOIN\1"),
    (re.compile(r"\b(WHERE|AND|OR|ON)(\s+)\+(?=[A-Za-z_])", re.IGNORECASE), r"\1\2"),
    # SQLite's numbers as truth values: a placeholder or a bare 0/1 standing alone beside
    # NOT/AND/OR is cast to boolean; an empty IN () is an empty list.
    (re.compile(r"(\b(?:NOT|AND|OR|WHERE)\s+|\(\s*)(\?\d*|:\w+|[01])(?=\s*(?:\)|$|\bAND\b|\bOR\b|\bORDER\b"
                r"|\bGROUP\b|\bLIMIT\b))", re.IGNORECASE), _truth),
    (re.compile(r"\bIN\s*\(\s*\)", re.IGNORECASE), "IN (SELECT NULL WHERE FALSE)"),
)
_DDL = (
    (re.compile(r"\bid\s+INTEGER\s+PRIMARY\s+KEY\b", re.IGNORECASE), "id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
    (re.compile(r"\)\s*WITHOUT\s+ROWID", re.IGNORECASE), ")"),
    # checked at each statement as on SQLite, yet deferrable to the commit as SQLite's
    # defer_foreign_keys does (a JSON export loaded: db/json_book.py)
    (re.compile(r"(\bREFERENCES\s+\w+\s*\([^)]*\)(?:\s+ON\s+(?:DELETE|UPDATE)\s+(?:CASCADE|RESTRICT|NO\s+ACTION"
                r"|SET\s+NULL|SET\s+DEFAULT))*)", re.IGNORECASE), r"\1 DEFERRABLE INITIALLY IMMEDIATE"),
)
_PLACEHOLDER = re.compile(r"\?(\d*)|(?<![:\w]):([A-Za-z_]\w*)")


def translate(sql: str, database: ServerBook | None, params=(), *, many: bool = False):
    """(the statement for psycopg, the order to pass the parameters in or None, whether it
    returns the new row's id)."""
    kept: list[str] = []

    def keep(found):
        kept.append(found.group(0))
        return f"\x00{len(kept) - 1}\x00"

    code = _LITERAL.sub(keep, sql)
    conflict = ""
    insert_or = _INSERT_OR.match(code)
    if insert_or:
        conflict = _conflict(code, insert_or.group(2).upper(), database)
        code = _INSERT_OR.sub(r"\1INSERT INTO ", code, count=1)
    for pattern, replacement in _REWRITES:
        code = pattern.sub(replacement, code)
    code = _named_subqueries(code)
    code = _scalar_min_max(code)
    code = _concat_as_text(code)
    code = _grouped_in_order(code)
    if re.match(r"\s*(CREATE\s+(TEMP\s+)?TABLE|ALTER\s+TABLE)\s", code, re.IGNORECASE):
        for pattern, replacement in _DDL:
            code = pattern.sub(replacement, code)
    code = code.replace("%", "%%")
    named = isinstance(params, dict)
    order: list[int] | None = None if named else []
    highest = 0

    def place(found):
        nonlocal highest
        number, name = found.group(1), found.group(2)
        if name is not None:
            if not named:
                return found.group(0)
            return f"%({name})s"
        index = int(number) if number else highest + 1
        highest = max(highest, index)
        if order is not None:
            order.append(index - 1)
        return "%s"

    code = _PLACEHOLDER.sub(place, code)
    code = code.rstrip().rstrip(";") + conflict
    returns_id = False
    if not many and database is not None and not re.search(r"\bRETURNING\b", code, re.IGNORECASE):
        target = _INSERT_INTO.match(code)
        if target and "." not in target.group(1) and "id" in database.table_keys(target.group(1))[0]:
            code += " RETURNING id"
            returns_id = True
    text = _KEPT.sub(lambda found: kept[int(found.group(1))].replace("%", "%%"), code)
    if order is not None and order == list(range(len(order))) and not named:
        order = None if len(order) == len(params or ()) else order
    return text, order, returns_id


_MIN_MAX = re.compile(r"(?<![\w.])(min|max)\(", re.IGNORECASE)


def _scalar_min_max(code: str) -> str:
    """SQLite's min(a, b, …) and max(a, b, …) of several values, NULL when one is NULL (where
    PostgreSQL's least and greatest pass NULLs over): the aggregate over a list of them.
    Innermost first; each argument stays written once, so that its placeholders keep their order."""
    for found in reversed(list(_MIN_MAX.finditer(code))):
        start = found.end()
        depth, index, commas = 1, start, []
        while index < len(code) and depth:
            character = code[index]
            depth += {"(": 1, ")": -1}.get(character, 0)
            if character == "," and depth == 1:
                commas.append(index)
            index += 1
        if not commas or depth:
            continue  # the aggregate min(x), max(x)
        bounds = [start, *[comma + 1 for comma in commas]]
        ends = [*commas, index - 1]
        values = ", ".join(f"({code[first:last].strip()})" for first, last in zip(bounds, ends))
        which = found.group(1).lower()
        code = (f"{code[:found.start()]}(SELECT CASE WHEN bool_or(sqlite_value IS NULL) THEN NULL "
                f"ELSE {which}(sqlite_value) END FROM (VALUES {values}) AS sqlite_values (sqlite_value))"
                f"{code[index:]}")
    return code


_GROUP_CONCAT = re.compile(r"(?<![\w.])group_concat\(\s*(DISTINCT\s+)?", re.IGNORECASE)


def _concat_as_text(code: str) -> str:
    """SQLite's group_concat joins numbers as text; the schema's takes text: the value is cast."""
    if re.match(r"\s*CREATE\b", code, re.IGNORECASE):
        return code  # the schema's own group_concat (FUNCTIONS)
    for found in reversed(list(_GROUP_CONCAT.finditer(code))):
        depth, index = 1, found.end()
        while index < len(code) and depth:
            depth += {"(": 1, ")": -1}.get(code[index], 0)
            if code[index] == "," and depth == 1:
                break
            index += 1
        end = index if depth == 1 else index - 1
        code = f"{code[:found.end()]}CAST(({code[found.end():end].strip()}) AS text){code[end:]}"
    return code


_CLAUSE = re.compile(r"\b(GROUP\s+BY|ORDER\s+BY|LIMIT|HAVING|UNION|EXCEPT|INTERSECT|WINDOW|RETURNING)\b",
                     re.IGNORECASE)


def _grouped_in_order(code: str) -> str:
    """SQLite hands a GROUP BY's rows back in the order of its keys (NULL first), and db/
    reads them so (running sums over days); PostgreSQL may hash them in any order. A
    statement that ends in GROUP BY, with no ORDER BY of its own, is ordered by its keys."""
    depth, clauses = 0, []
    for index, character in enumerate(code):
        depth += {"(": 1, ")": -1}.get(character, 0)
        if depth == 0 and character in "GOLHUEIWRgolhueiwr":
            found = _CLAUSE.match(code, index)
            if found and (index == 0 or not (code[index - 1].isalnum() or code[index - 1] == "_")):
                clauses.append(found)
    if not clauses or not re.fullmatch(r"GROUP\s+BY", clauses[-1].group(1), re.IGNORECASE):
        return code
    keys, depth, start = [], 0, clauses[-1].end()
    for index in range(start, len(code)):
        depth += {"(": 1, ")": -1}.get(code[index], 0)
        if code[index] == "," and depth == 0:
            keys.append(code[start:index].strip())
            start = index + 1
    keys.append(code[start:].strip().rstrip(";").strip())
    return code.rstrip().rstrip(";") + " ORDER BY " + ", ".join(f"{key} NULLS FIRST" for key in keys)


_SUBQUERY = re.compile(r"\b(FROM|JOIN)\s*\(\s*SELECT\b", re.IGNORECASE)
_NOT_AN_ALIAS = {"WHERE", "GROUP", "ORDER", "LIMIT", "OFFSET", "JOIN", "LEFT", "INNER", "CROSS", "ON", "UNION",
                 "EXCEPT", "INTERSECT", "HAVING", "WINDOW", "USING", "NATURAL", "FULL", "RIGHT"}


def _named_subqueries(code: str) -> str:
    """PostgreSQL 15 wants a name for a subquery in FROM, which SQLite does not."""
    position, count = 0, 0
    while found := _SUBQUERY.search(code, position):
        depth, index = 0, code.index("(", found.start())
        while index < len(code):
            depth += {"(": 1, ")": -1}.get(code[index], 0)
            if depth == 0:
                break
            index += 1
        after = re.match(r"\s*([A-Za-z_]\w*)?", code[index + 1:])
        word = after.group(1) if after else None
        if word is None or word.upper() in _NOT_AN_ALIAS:
            count += 1
            code = f"{code[:index + 1]} AS subquery_{count}{code[index + 1:]}"
        position = found.end()
    return code


def _conflict(code: str, how: str, database: ServerBook | None) -> str:
    if how == "IGNORE":
        return " ON CONFLICT DO NOTHING"
    target = _INSERT_INTO.match(code)
    if target is None or database is None:
        raise ValueError(f"INSERT OR REPLACE that cannot be translated: {code[:60]!r}")
    columns, key = database.table_keys(target.group(1))
    if target.group(3):
        columns = tuple(column.strip() for column in target.group(3).split(","))
    changed = [column for column in columns if column not in key]
    if not changed:
        return f" ON CONFLICT ({', '.join(key)}) DO NOTHING"
    return (f" ON CONFLICT ({', '.join(key)}) DO UPDATE SET "
            + ", ".join(f"{column} = EXCLUDED.{column}" for column in changed))


def follow_ids(database, tables) -> None:
    """After rows were written with their own ids (the demo, a JSON export loaded): the
    next row a table makes gets an id past them. SQLite takes max(id) + 1 by itself; on a
    server each table's identity sequence is moved past its highest id."""
    if dialect(database) != "postgresql":
        return
    for table in tables:
        if "id" not in database.table_keys(table)[0]:
            continue  # a link table (a visit's services, a client's tags): no id of its own
        database.execute_sql(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), max(id)) "
                             f'FROM "{table}" HAVING max(id) IS NOT NULL')


# --- what the schema adds: SQLite's functions that db/'s SQL calls --------------------------
# Made (or replaced) by every upgrade of a server's book, in its transaction; a function added
# here later needs a schema step of its own to reach books already at the latest level.

FUNCTIONS = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE OR REPLACE FUNCTION julianday(text) RETURNS double precision
    LANGUAGE sql STABLE STRICT
    RETURN (extract(epoch FROM $1::timestamp) / 86400.0 + 2440587.5)::double precision;
CREATE OR REPLACE FUNCTION sqlite_date(text) RETURNS text
    LANGUAGE sql STABLE STRICT RETURN to_char($1::timestamp, 'YYYY-MM-DD');
CREATE OR REPLACE FUNCTION sqlite_date(text, text) RETURNS text
    LANGUAGE sql STABLE STRICT RETURN to_char($1::timestamp + $2::interval, 'YYYY-MM-DD');
CREATE OR REPLACE FUNCTION sqlite_concat_step(text, text, text) RETURNS text
    LANGUAGE sql IMMUTABLE
    RETURN CASE WHEN $2 IS NULL THEN $1 WHEN $1 IS NULL THEN $2 ELSE $1 || $3 || $2 END;
CREATE OR REPLACE FUNCTION sqlite_concat_step(text, text) RETURNS text
    LANGUAGE sql IMMUTABLE RETURN sqlite_concat_step($1, $2, ',');
CREATE OR REPLACE AGGREGATE group_concat(text, text) (SFUNC = sqlite_concat_step, STYPE = text);
CREATE OR REPLACE AGGREGATE group_concat(text) (SFUNC = sqlite_concat_step, STYPE = text);
CREATE OR REPLACE FUNCTION sqlite_limit(bigint) RETURNS bigint
    LANGUAGE sql IMMUTABLE RETURN CASE WHEN $1 >= 0 THEN $1 END;
CREATE OR REPLACE FUNCTION sqlite_sum_step(bigint, boolean) RETURNS bigint
    LANGUAGE sql IMMUTABLE
    RETURN CASE WHEN $2 IS NULL THEN $1 ELSE coalesce($1, 0) + $2::int END;
CREATE OR REPLACE AGGREGATE sum(boolean) (SFUNC = sqlite_sum_step, STYPE = bigint);
"""


# --- opening -------------------------------------------------------------------------------

def open_server_book(url: str, *, migrate: bool = True, rebuild=None) -> ServerBook:
    """Connect to the book at `url` and bring its schema up to date (db.migrations)."""
    from db.changes import prepare_server
    from db.migrations import upgrade_server
    from db.models import bind

    shown = shown_address(url)
    try:
        _driver()
    except ImportError:
        raise BookUnreachable(f"The book {shown} is on a PostgreSQL server, and psycopg is not installed: "
                              "pip install 'clientbook[postgresql]'.", shown, "driver") from None
    database = ServerBook(shown, conninfo=url.strip())
    try:
        database.connect()
        bind(database)
        if migrate:
            upgrade_server(database, rebuild)
            prepare_server(database)  # desks that see each other's writes (db/changes.py)
    except BaseException as error:
        if not database.is_closed():
            database.close()
        failure = translate_error(error, shown, url)
        if failure is error:
            raise
        raise failure from None  # the driver's own text may quote the URL: said once, scrubbed
    return database


BESIDE_TIMEOUT_SECONDS = 5  # a connection beside the book's waits this long for its server at most


def connect_beside(book):
    """A psycopg connection of its own to a server's book (a ServerBook, or its URL as
    given), beside the book's connections: autocommit, for LISTEN and the desks' holds
    (db/changes.py, db/desks.py). The caller closes it; the driver's errors are its own."""
    psycopg = _driver()
    conninfo = book._conninfo if isinstance(book, ServerBook) else str(book).strip()
    options = {} if "connect_timeout" in psycopg.conninfo.conninfo_to_dict(conninfo) else {
        "connect_timeout": BESIDE_TIMEOUT_SECONDS}
    return psycopg.connect(conninfo, autocommit=True, application_name=APPLICATION_NAME, **options)


def translate_error(error: BaseException, shown: str, url: str = "") -> BaseException:
    """The server's failures as the one sentence a person needs; never with the password."""
    from peewee import DatabaseError, InterfaceError

    try:
        import psycopg
        driver_errors: tuple = (psycopg.Error,)
    except ImportError:
        driver_errors = ()
    if not isinstance(error, (DatabaseError, InterfaceError, *driver_errors)):
        return error
    text = scrub(str(error), url) if url else str(error)
    low = text.lower()
    if "password" in low or "authentication failed" in low or "no pg_hba.conf entry" in low:
        return BookUnreachable(f"The server refused the login to the book {shown}: {_first_line(text)}",
                               shown, "login", _first_line(text))
    if "database" in low and "does not exist" in low:
        return BookUnreachable(f"The book {shown} does not exist on its server; create the database "
                               "first (createdb).", shown, "missing")
    if any(words in low for words in ("connection refused", "could not connect", "no such file or directory",
                                      "could not translate host name", "timeout expired",
                                      "server closed the connection", "terminating connection",
                                      "connection is lost", "connection already closed")):
        return BookUnreachable(f"The server of the book {shown} cannot be reached: {_first_line(text)}",
                               shown, "unreachable", _first_line(text))
    if "invalid uri" in low or "invalid connection option" in low or "missing \"=\"" in low \
            or "invalid dsn" in low or "invalid integer value" in low:
        return BookUnreachable(f"{shown} is not a PostgreSQL address that can be used: {_first_line(text)}",
                               shown, "address", _first_line(text))
    if "violates foreign key constraint" in low:
        return GoneMeanwhile(f"Not saved: what this refers to was deleted from the book {shown} meanwhile.",
                             shown)
    if "deadlock detected" in low or "could not obtain lock" in low or "lock timeout" in low \
            or "could not serialize access" in low:
        return BookLocked(f"The book {shown} is busy at another desk; try again.", shown)
    if "data corrupted" in low or "invalid page" in low:
        return BookDamaged(f"The book {shown} is damaged on its server.", shown)
    return error


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else text
