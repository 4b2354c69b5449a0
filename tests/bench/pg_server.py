"""The PostgreSQL server the benchmark runs on (`run.py --backend postgresql`, issue 21).

Either a throwaway cluster started here by the tests' own code (tests/postgres/conftest.py:
initdb and pg_ctl in a temporary folder, as an unprivileged user, over a Unix socket;
stopped and removed when the run ends), or an existing server given by a libpq URL
(`--url`), whose role may create databases. The bench's databases there are named
`clientbook_bench_*`: a demo book per size, kept for the next run (as the book files are
kept in --books), and the working copy the figures are taken on (CREATE DATABASE …
TEMPLATE, as run.py copies a file). A URL is only ever shown without its password.

    .venv/bin/python tests/bench/pg_server.py   # a cluster kept until Ctrl-C; its URL printed
"""
from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PREFIX = "clientbook_bench_"


def missing() -> str | None:
    """Why no throwaway cluster can be started here (no server binaries, no psycopg), or None."""
    from tests.postgres import conftest

    return conftest._missing()


@contextmanager
def throwaway_cluster():
    """A cluster of the tests' own making (their session fixture's code, run here), its
    superuser's URL over the socket; stopped and removed afterwards."""
    from tests.postgres import conftest

    why = missing()
    if why:
        raise SystemExit(f"no PostgreSQL to benchmark on: {why}")
    running = conftest.pg_cluster.__wrapped__()  # the fixture's generator: starts, yields, stops
    cluster = next(running)
    try:
        yield cluster.url()
    finally:
        running.close()


def with_database(url: str, name: str) -> str:
    """The same server's URL, naming the database `name` (host, port, user and options kept)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def admin(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(sql)


def exists(url: str, name: str) -> bool:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        return connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is not None


def demo_database(url: str, book: Path, clients: int, years: int, today,
                  load: str = "copy-book") -> tuple[str, float | None]:
    """The URL of the server's demo book of this size, made now from the book file `book`
    (with its time in seconds), or kept from an earlier run. `load` says how: "copy-book",
    copy-book's own service; "copy", `copy_in` (COPY, then the derived data rebuilt)."""
    from clientbook.services.book_copy import copy_book

    name = f"{PREFIX}demo_{clients}_{years}y"
    if exists(url, name):
        return with_database(url, name), None
    making = f"{PREFIX}making_{clients}_{years}y"
    admin(url, f"DROP DATABASE IF EXISTS {making} WITH (FORCE)")
    admin(url, f"CREATE DATABASE {making}")
    start = time.perf_counter()
    if load == "copy":
        copy_in(book, with_database(url, making), today)
    else:
        copy_book(str(book), with_database(url, making), today)
    copied = time.perf_counter() - start
    admin(url, f"ALTER DATABASE {making} RENAME TO {name}")
    return with_database(url, name), round(copied, 2)


def copy_in(book: Path, url: str, today) -> None:
    """The tables copy-book copies, put into the empty database at `url` by COPY in one
    transaction (copy-book's INSERTs, its checksums and its rebuild inside that transaction
    take far longer at 100,000 clients), the tables analysed, then the derived data rebuilt
    by the book's own `rebuild`. Each table's row count is compared with the file's."""
    import sqlite3

    import psycopg

    from clientbook.services.book import open_book
    from clientbook.services.derived import rebuild
    from clientbook.services.exporter import JSON_TABLES
    from db.postgres import follow_ids

    open_book(url).close()  # an empty database made a book at the current level
    source = sqlite3.connect(f"file:{book}?mode=ro", uri=True)
    counts = {}
    with psycopg.connect(url) as connection:
        with connection.transaction():
            for table in reversed(JSON_TABLES):
                connection.execute(f'DELETE FROM "{table}"')
            for table in JSON_TABLES:
                columns = ", ".join(f'"{row[1]}"' for row in source.execute(f'PRAGMA table_info("{table}")'))
                counts[table] = 0
                with connection.cursor().copy(f'COPY "{table}" ({columns}) FROM STDIN') as copy:
                    for row in source.execute(f'SELECT {columns} FROM "{table}"'):
                        copy.write_row(row)
                        counts[table] += 1
        connection.execute("ANALYZE")
        for table, count in counts.items():
            found = connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            if found != count:
                raise RuntimeError(f"{table}: {found} rows on the server for {count} in {book}")
    source.close()
    database = open_book(url)
    try:
        with database.atomic():
            follow_ids(database, JSON_TABLES)
            rebuild(database, today=today)
        database.execute_sql("ANALYZE")
    finally:
        database.close()


def working_copy(url: str, demo_url: str) -> str:
    """A fresh database made from the demo book (its template): the figures' writes land there."""
    name = f"{PREFIX}work"
    admin(url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin(url, f"CREATE DATABASE {name} TEMPLATE {urlsplit(demo_url).path.lstrip('/')}")
    return with_database(url, name)


def drop_working_copy(url: str) -> None:
    admin(url, f"DROP DATABASE IF EXISTS {PREFIX}work WITH (FORCE)")


if __name__ == "__main__":
    with throwaway_cluster() as server:
        print(server, flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
