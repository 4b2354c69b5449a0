"""The benchmark runner: clientbook's figures at a solo master's size and a chain's.

    .venv/bin/python tests/bench/run.py                        # 1k, 10k and 100k clients
    .venv/bin/python tests/bench/run.py --sizes 1000 --repeats 3   # the smoke run CI makes

Makes the books it needs with `clientbook demo` (3 years of visits: 100,000 clients have
about 1.6 million visits), keeps them in --books for the next run, works on a copy, and
prints one JSON object of figures; asserts nothing. Every figure is a median over
--repeats runs, in milliseconds unless its name says otherwise. Beside each database
figure stands a baseline measured on the same book in the same run:
- search and the call list: the very SQL statements the service ran, replayed on a bare
  sqlite3 connection (so `*_vs_sql` is what parsing, peewee and building results cost);
- adding a visit and logging a call: the bare INSERTs in a transaction;
- the rebuild of the figures: reading the visits it is computed from;
- import and export: the CSV rows read or written by the csv module straight from SQL;
  the same through an Excel workbook stands beside the CSV's (`import_xlsx_vs_csv`);
- `clientbook stats`, a whole process (its peak memory too): a bare process's one SQL
  statement over every visit (`SELECT count(*), sum(price_cents) FROM visits`).
"targets" are the figures the product promises at 100,000 clients; "misses" names the
ones above them at that size.

`--backend postgresql` takes the same figures of search, the call list, writing a visit and
a call, and the rebuild (with outlook) on a book on a PostgreSQL server (issue 21): the demo
book file of each size is copied there (`copy_s`; kept on the server for the next run, worked
on in a copy) by copy-book's own service up to 1,000 clients, above by COPY and the book's
own rebuild (pg_server.copy_in; `--load` chooses: at 10,000 copy-book took minutes), and each baseline is the very statements the
server was sent (the service's SQL as translated by db/postgres.py), replayed on a bare
psycopg connection, or the bare INSERTs and SELECT in plain psycopg. The server is a
throwaway cluster started by the tests' own code (pg_server.py), or the one `--url` names
(its role must create databases; the URL is shown without its password).
`clientbook stats`, import, export and the terminal interface are measured on SQLite only.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
TODAY = date(2026, 11, 22)
YEARS = 3
CLIENTBOOK = Path(sys.executable).parent / "clientbook"
DEFAULT_BOOKS = Path(tempfile.gettempdir()) / "clientbook-bench"
QUERIES = {
    "search_1_char": ["а", "м", "к"],
    "search_2_chars": ["ан", "ма", "ко"],
    "search_3_plus": ["ова", "алекс", "смирнова"],
    "search_phone": ["916", "45-67", "8 903 1"],
}
TARGETS = {"search_ms": 10, "call_list_ms": 50, "add_visit_ms": 10, "rebuild_s": 5, "outlook_ms": 1000,
           "stats_ms": 1000, "stats_peak_mb": 200, "first_screen_s": 1.0, "peak_mb": 200}
TARGET_SIZE = 100_000
IMPORT_EXPORT_UP_TO = 10_000
COPY_BOOK_UP_TO = 1000  # --backend postgresql: larger books go to the server by COPY (pg_server.copy_in)


def median_ms(run, repeats: int) -> float:
    times = []
    for _n in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return round(statistics.median(times) * 1000, 3)


def ratio(ours: float, baseline: float) -> float:
    return round(ours / max(baseline, 1e-3), 1)


# -- books ------------------------------------------------------------------------------


def ready_book(folder: Path, clients: int) -> tuple[Path, float | None]:
    """The demo book of this size, made now (with its time) or kept from an earlier run."""
    path = folder / f"demo-{clients}-{YEARS}y.db"
    if path.exists():
        return path, None
    making = folder / ".making"
    making.mkdir(parents=True, exist_ok=True)
    partial = making / path.name
    for stale in making.glob(path.name + "*"):
        stale.unlink()
    start = time.perf_counter()
    subprocess.run([str(CLIENTBOOK), "demo", "--db", str(partial), "--clients", str(clients),
                    "--years", str(YEARS), "--seed", "1", "--today", TODAY.isoformat()],
                   check=True, stdout=subprocess.DEVNULL)
    made = time.perf_counter() - start
    os.replace(partial, path)
    return path, round(made, 2)


def working_copy(book: Path, folder: Path) -> Path:
    copy = folder / "work.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(book, copy)
    return copy


# -- replaying a service's SQL on a bare connection --------------------------------------


class Recorder:
    """Stands in for the peewee database: runs and records every statement."""

    def __init__(self, connection: sqlite3.Connection):
        self.connection, self.statements = connection, []

    def execute_sql(self, sql, params=()):
        self.statements.append((sql, params))
        return self.connection.execute(sql, params)


def on_server(location) -> bool:
    return isinstance(location, str) and location.startswith(("postgresql://", "postgres://"))


def bare_connect(location):
    """A bare connection to the book: sqlite3's to a file; psycopg's to a server (binding
    parameters on the client, as the book's own connection does)."""
    if not on_server(location):
        return sqlite3.connect(location)
    import psycopg

    return psycopg.connect(location, autocommit=True, cursor_factory=psycopg.ClientCursor)


class RecordingCursor:
    """A server book's psycopg cursor that records what it is sent (after translation)."""

    def __init__(self, cursor, statements: list):
        self._cursor, self._statements = cursor, statements

    def execute(self, sql, params=None):
        self._statements.append((sql, params))
        return self._cursor.execute(sql, params)

    def executemany(self, sql, rows):
        for params in rows:
            self._statements.append((sql, params))
        return self._cursor.executemany(sql, rows)

    def __iter__(self):
        return iter(self._cursor)

    def __getattr__(self, name):
        return getattr(self._cursor, name)


def recorded(run, location) -> list[tuple[str, tuple]]:
    """The statements a service runs, as the database is sent them."""
    if on_server(location):
        from clientbook.services.book import open_book

        book, statements = open_book(location), []
        translating = type(book).cursor

        def cursor(named_cursor=None):
            made = translating(book, named_cursor)
            made._cursor = RecordingCursor(made._cursor, statements)
            return made

        book.cursor = cursor
        run(book)
        book.close()
        return statements
    connection = sqlite3.connect(location)
    recorder = Recorder(connection)
    run(recorder)
    connection.close()
    return recorder.statements


def replay(connection, statements) -> None:
    for sql, params in statements:
        cursor = connection.execute(sql, params)
        if cursor.description is not None:
            cursor.fetchall()


def book_mb(book, location) -> float:
    if on_server(location):
        return round(book.execute_sql("SELECT pg_database_size(current_database())").fetchone()[0] / 2**20, 1)
    return round(Path(location).stat().st_size / 2**20, 1)


# -- the figures -----------------------------------------------------------------------


def measure_reads(path, repeats: int) -> dict:
    from clientbook.services.book import open_book
    from clientbook.services.calls import call_list
    from clientbook.services.outlook import ensure_fresh, forget_model
    from clientbook.services.search import search

    book = open_book(path)
    bare = bare_connect(path)
    figures: dict = {
        "clients": book.execute_sql("SELECT count(*) FROM clients").fetchone()[0],
        "visits": book.execute_sql("SELECT count(*) FROM visits").fetchone()[0],
        "book_mb": book_mb(book, path),
    }
    for name, queries in QUERIES.items():
        ours, sql = [], []
        for query in queries:
            ours.append(median_ms(lambda q=query: search(book, q), repeats))
            statements = recorded(lambda db, q=query: search(db, q), path)
            sql.append(median_ms(lambda s=statements: replay(bare, s), repeats))
        figures[f"{name}_ms"] = round(statistics.median(ours), 3)
        figures[f"{name}_max_ms"] = max(ours)
        figures[f"{name}_sql_ms"] = round(statistics.median(sql), 3)
        figures[f"{name}_vs_sql"] = ratio(figures[f"{name}_ms"], figures[f"{name}_sql_ms"])
    forget_model(book)
    start = time.perf_counter()
    ensure_fresh(book, TODAY)  # the day's first use refits the return model: timed apart
    figures["first_use_of_day_s"] = round(time.perf_counter() - start, 3)
    figures["call_list_ms"] = median_ms(lambda: call_list(book, TODAY), repeats)
    statements = recorded(lambda db: call_list(db, TODAY), path)
    figures["call_list_sql_ms"] = median_ms(lambda: replay(bare, statements), repeats)
    figures["call_list_vs_sql"] = ratio(figures["call_list_ms"], figures["call_list_sql_ms"])
    bare.close()
    book.close()
    return figures


def measure_writes(path, repeats: int) -> dict:
    from clientbook.services.book import open_book
    from clientbook.services.contacts import Outcome, log_call
    from clientbook.services.visits import NewVisit, add_visit

    book = open_book(path)
    count = book.execute_sql("SELECT max(id) FROM clients").fetchone()[0]
    service = book.execute_sql("SELECT name FROM services ORDER BY id LIMIT 1").fetchone()[0]
    rng = random.Random(7)
    moment = datetime.combine(TODAY, datetime.min.time()).replace(hour=9)

    def visit():
        nonlocal moment
        moment += timedelta(minutes=1)
        add_visit(book, rng.randrange(1, count + 1), NewVisit(moment, (service,), price_cents=150000),
                  today=moment.date())

    def call():
        log_call(book, rng.randrange(1, count + 1), Outcome("no_answer"), datetime.combine(TODAY, clock_time(12)))

    figures = {"add_visit_ms": median_ms(visit, repeats * 3), "log_call_ms": median_ms(call, repeats * 3)}
    book.close()
    if on_server(path):
        return figures | bare_writes_on_server(path, count, moment, rng, figures, repeats)
    bare = sqlite3.connect(path, isolation_level=None)
    service_id = bare.execute("SELECT id FROM services ORDER BY id LIMIT 1").fetchone()[0]

    def bare_visit():
        bare.execute("BEGIN IMMEDIATE")
        visit_id = bare.execute(
            "INSERT INTO visits (client_id, starts_at, status, price_cents, created_at) "
            "VALUES (?, ?, 'done', 150000, ?)", (rng.randrange(1, count + 1), moment.isoformat(" "),
                                                   moment.isoformat(" "))).lastrowid
        bare.execute("INSERT INTO visit_services (visit_id, service_id) VALUES (?, ?)", (visit_id, service_id))
        bare.execute("COMMIT")

    def bare_call():
        bare.execute("BEGIN IMMEDIATE")
        bare.execute("INSERT INTO contacts (client_id, at, outcome) VALUES (?, ?, 'no_answer')",
                     (rng.randrange(1, count + 1), moment.isoformat(" ")))
        bare.execute("COMMIT")

    figures["add_visit_sql_ms"] = median_ms(bare_visit, repeats * 3)
    figures["add_visit_vs_sql"] = ratio(figures["add_visit_ms"], figures["add_visit_sql_ms"])
    figures["log_call_sql_ms"] = median_ms(bare_call, repeats * 3)
    figures["log_call_vs_sql"] = ratio(figures["log_call_ms"], figures["log_call_sql_ms"])
    bare.close()
    return figures


def bare_writes_on_server(url: str, count: int, moment: datetime, rng, figures: dict, repeats: int) -> dict:
    """The bare INSERTs of a visit and of a call, each in a transaction, in plain psycopg."""
    bare = bare_connect(url)
    service_id = bare.execute("SELECT id FROM services ORDER BY id LIMIT 1").fetchone()[0]

    def bare_visit():
        with bare.transaction():
            visit_id = bare.execute(
                "INSERT INTO visits (client_id, starts_at, status, price_cents, created_at) "
                "VALUES (%s, %s, 'done', 150000, %s) RETURNING id",
                (rng.randrange(1, count + 1), moment.isoformat(" "), moment.isoformat(" "))).fetchone()[0]
            bare.execute("INSERT INTO visit_services (visit_id, service_id) VALUES (%s, %s)", (visit_id, service_id))

    def bare_call():
        with bare.transaction():
            bare.execute("INSERT INTO contacts (client_id, at, outcome) VALUES (%s, %s, 'no_answer')",
                         (rng.randrange(1, count + 1), moment.isoformat(" ")))

    found = {"add_visit_sql_ms": median_ms(bare_visit, repeats * 3)}
    found["add_visit_vs_sql"] = ratio(figures["add_visit_ms"], found["add_visit_sql_ms"])
    found["log_call_sql_ms"] = median_ms(bare_call, repeats * 3)
    found["log_call_vs_sql"] = ratio(figures["log_call_ms"], found["log_call_sql_ms"])
    bare.close()
    return found


def measure_rebuild(path, repeats: int) -> dict:
    """`rebuild`'s figures and return-model parts (the search index is rebuilt apart), and
    `outlook` once its figures are today's."""
    from clientbook.services.book import open_book
    from clientbook.services.figures import rebuild_all
    from clientbook.services.outlook import outlook, refresh

    book = open_book(path)
    times = 1 if book.execute_sql("SELECT count(*) FROM clients").fetchone()[0] > 20_000 else repeats
    parts = {"figures": [], "model": []}

    def rebuild():
        with book.atomic():
            start = time.perf_counter()
            rebuild_all(book)
            parts["figures"].append(time.perf_counter() - start)
            start = time.perf_counter()
            refresh(book, TODAY)
            parts["model"].append(time.perf_counter() - start)

    figures = {"rebuild_s": round(median_ms(rebuild, times) / 1000, 3),
               "rebuild_figures_s": round(statistics.median(parts["figures"]), 3),
               "rebuild_model_s": round(statistics.median(parts["model"]), 3),
               "outlook_ms": median_ms(lambda: outlook(book, TODAY), repeats)}
    book.close()
    bare = bare_connect(path)
    figures["rebuild_sql_s"] = round(median_ms(lambda: bare.execute(
        "SELECT v.client_id, v.starts_at, v.price_cents, s.category FROM visits v "
        "LEFT JOIN visit_services vs ON vs.visit_id = v.id LEFT JOIN services s ON s.id = vs.service_id "
        "ORDER BY v.client_id, v.starts_at").fetchall(), times) / 1000, 3)
    figures["rebuild_vs_sql"] = ratio(figures["rebuild_s"], figures["rebuild_sql_s"])
    figures["outlook_sql_ms"] = median_ms(lambda: bare.execute(
        "SELECT * FROM clients c JOIN client_figures f ON f.client_id = c.id "
        "LEFT JOIN client_outlook o ON o.client_id = c.id WHERE f.done_visits > 0").fetchall(), repeats)
    figures["outlook_vs_sql"] = ratio(figures["outlook_ms"], figures["outlook_sql_ms"])
    bare.close()
    return figures


# A process that runs a command and says its time and its peak memory: the command's own
# (a child's ru_maxrss starts at its parent's size, and this runner's is a whole book's).
MEASURED = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(json.dumps({"ms": (time.perf_counter() - start) * 1000,
                  "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""
BARE_SQL = "import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute('{}').fetchall()".format(
    "SELECT count(*), sum(price_cents) FROM visits")


def measured(command: list[str]) -> dict:
    done = subprocess.run([sys.executable, "-c", MEASURED, *command], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def measure_stats(path: Path, repeats: int) -> dict:
    """`clientbook stats` (the default period) as a person runs it, a whole process, beside a
    bare process that reads every visit in one SQL statement. The first use of the day takes
    the book's daily backup (an older book is upgraded then too): that run is left out."""
    stats = [str(CLIENTBOOK), "--db", str(path), "--today", TODAY.isoformat(), "stats"]
    measured(stats)
    runs = [measured(stats) for _n in range(repeats)]
    floor = [measured([sys.executable, "-c", BARE_SQL, str(path)]) for _n in range(repeats)]
    figures = {"stats_ms": round(statistics.median(r["ms"] for r in runs), 1),
               "stats_peak_mb": round(max(r["peak_mb"] for r in runs), 1),
               "stats_sql_ms": round(statistics.median(r["ms"] for r in floor), 1),
               "stats_sql_peak_mb": round(max(r["peak_mb"] for r in floor), 1)}
    figures["stats_vs_sql"] = ratio(figures["stats_ms"], figures["stats_sql_ms"])
    return figures


def measure_import_export(path: Path, folder: Path, repeats: int) -> dict:
    """`clientbook export` and `clientbook import` of the clients and their visits, as a studio runs them."""
    figures: dict = {}
    files = {kind: folder / f"{kind}.csv" for kind in ("clients", "visits")}

    def run(*args):
        subprocess.run([str(CLIENTBOOK), *map(str, args), "--today", TODAY.isoformat()],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    for kind, file in files.items():
        figures[f"export_{kind}_ms"] = median_ms(
            lambda k=kind, f=file: run("export", "--db", path, "--kind", k, "--output", f), repeats)
    fresh = folder / "imported.db"

    def import_both():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{fresh}{suffix}").unlink(missing_ok=True)
        shutil.rmtree(folder / "backups", ignore_errors=True)
        for file in files.values():
            run("import", file, "--db", fresh)

    figures["import_clients_and_visits_ms"] = median_ms(import_both, max(1, repeats // 3))
    bare = sqlite3.connect(path)

    def bare_export():
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerows(bare.execute("SELECT * FROM clients"))
        writer.writerows(bare.execute("SELECT * FROM visits"))

    figures["export_sql_ms"] = median_ms(bare_export, repeats)
    figures["export_vs_sql"] = ratio(figures["export_clients_ms"] + figures["export_visits_ms"],
                                     figures["export_sql_ms"])

    def bare_import():
        target = sqlite3.connect(":memory:")
        for kind, file in files.items():
            with open(file, encoding="utf-8", newline="") as handle:
                rows = list(csv.reader(handle))
            target.execute(f"CREATE TABLE {kind} ({', '.join(f'c{i}' for i in range(len(rows[0])))})")
            target.executemany(f"INSERT INTO {kind} VALUES ({', '.join('?' * len(rows[0]))})", rows[1:])
        target.commit()
        target.close()

    figures["import_sql_ms"] = median_ms(bare_import, max(1, repeats // 3))
    figures["import_vs_sql"] = ratio(figures["import_clients_and_visits_ms"], figures["import_sql_ms"])
    figures.update(measure_xlsx(path, folder, fresh, run, max(1, repeats // 3)))
    figures["import_xlsx_vs_csv"] = ratio(figures["import_xlsx_clients_and_visits_ms"],
                                          figures["import_clients_and_visits_ms"])
    with open(files["visits"], encoding="utf-8") as exported:
        figures["rows_exported"] = sum(1 for _row in exported) - 1
    bare.close()
    return figures


def measure_xlsx(path: Path, folder: Path, fresh: Path, run, repeats: int) -> dict:
    """The same clients and visits through one Excel workbook (`--format xlsx`, whose export
    writes the calls' sheet too), beside the CSV's figures."""
    workbook = folder / "book.xlsx"
    figures = {"export_xlsx_ms": median_ms(
        lambda: run("export", "--db", path, "--format", "xlsx", "--output", workbook, "--lang", "en"),
        repeats)}

    def import_sheets():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{fresh}{suffix}").unlink(missing_ok=True)
        shutil.rmtree(folder / "backups", ignore_errors=True)
        for sheet in ("Clients", "Visits"):
            run("import", workbook, "--sheet", sheet, "--db", fresh)

    figures["import_xlsx_clients_and_visits_ms"] = median_ms(import_sheets, repeats)
    return figures


def measure_tui(book: Path, repeats: int) -> dict:
    """bench_tui.py in a process of its own: a child inherits its parent's peak memory
    (ru_maxrss survives fork and exec), and this runner has read a whole book by now."""
    done = subprocess.run([sys.executable, str(HERE / "bench_tui.py"), "--book", str(book),
                           "--repeats", str(repeats), "--tiny", "0"],
                          capture_output=True, text=True, check=True)
    tui = json.loads(done.stdout)
    figures = {"first_screen_s": tui["book"]["first_screen_s"], "peak_mb": tui["book"]["peak_mb"],
               "floor_first_screen_s": tui["floor"]["first_screen_s"],
               "floor_peak_mb": tui["floor"]["peak_mb"]}
    for key in ("tmux_first_screen_s", "tmux_peak_mb"):
        if key in tui:
            figures[key] = tui[key]
    return figures


def machine() -> dict:
    return {"cpus": os.cpu_count(), "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
            "system": platform.platform(terse=True), "loadavg_1m": round(os.getloadavg()[0], 2),
            "date": date.today().isoformat()}


def misses(report: dict) -> list[str]:
    at = report["sizes"].get(str(TARGET_SIZE))
    if not at:
        return []
    found = []
    for name, limit in TARGETS.items():
        keys = [k for k in at if k.startswith("search_") and k.endswith("_ms") and "_sql" not in k
                and "_max" not in k] if name == "search_ms" else [name]
        found += [f"{k}: {at[k]} > {limit}" for k in keys if k in at and at[k] > limit]
    return found


def measure_on_server(server: str, book: Path, size: int, repeats: int, load: str) -> dict:
    """The figures of `--backend postgresql`: the book of this size copied to the server
    (or kept there from an earlier run), worked on in a copy."""
    import pg_server

    demo, copy_s = pg_server.demo_database(server, book, size, YEARS, TODAY, load)
    work = pg_server.working_copy(server, demo)
    figures: dict = {"copy_s": copy_s, "loaded_by": load}
    try:
        for measure in (measure_reads, measure_writes, measure_rebuild):  # the slowest last
            figures.update(measure(work, repeats))
            print(f"{size} clients so far: {json.dumps(figures, ensure_ascii=False)}", file=sys.stderr, flush=True)
    finally:
        pg_server.drop_working_copy(server)
    return figures


def server_version(server: str) -> str:
    connection = bare_connect(server)
    try:
        return connection.execute("SHOW server_version").fetchone()[0]
    finally:
        connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite",
                        help="Where the book is: a file (SQLite) or a PostgreSQL server.")
    parser.add_argument("--url", help="With --backend postgresql: a libpq URL of an existing server (its role "
                                      "creates the clientbook_bench_* databases); else a throwaway cluster.")
    parser.add_argument("--load", choices=("copy-book", "copy"),
                        help="With --backend postgresql: how the demo book gets to the server: copy-book's service "
                             "(up to 1,000 clients by default) or COPY and a rebuild (above).")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--books", type=Path, default=DEFAULT_BOOKS, help="Keep the demo books here.")
    parser.add_argument("--no-tui", action="store_true", help="Leave out the terminal interface's figures.")
    parser.add_argument("--fresh", action="store_true",
                        help="Make the demo books again (and time `clientbook demo`).")
    args = parser.parse_args()
    if args.url and args.backend != "postgresql":
        parser.error("--url names a PostgreSQL server: give --backend postgresql too")
    args.books.mkdir(parents=True, exist_ok=True)
    if args.backend == "postgresql":
        return main_on_server(args)
    report = {"machine": machine(), "backend": "sqlite", "repeats": args.repeats, "targets": TARGETS, "sizes": {}}
    for size in args.sizes:
        if args.fresh:
            for old in args.books.glob(f"demo-{size}-{YEARS}y.db*"):
                old.unlink()
        book, demo_s = ready_book(args.books, size)
        with tempfile.TemporaryDirectory(prefix="clientbook-bench-") as scratch:
            folder = Path(scratch)
            figures: dict = {"demo_s": demo_s}
            figures.update(measure_reads(book, args.repeats))
            copy = working_copy(book, folder)  # the commands' own daily backup lands here too
            figures.update(measure_stats(copy, args.repeats))
            if size <= IMPORT_EXPORT_UP_TO:
                figures.update(measure_import_export(copy, folder, args.repeats))
            figures.update(measure_rebuild(copy, args.repeats))
            figures.update(measure_writes(copy, args.repeats))
            if not args.no_tui and size == max(args.sizes):
                figures.update(measure_tui(book, max(1, args.repeats // 2)))
        report["sizes"][str(size)] = figures
        print(f"{size} clients measured", file=sys.stderr)
    report["misses"] = misses(report)
    print(json.dumps(report, indent=2, ensure_ascii=False))


def main_on_server(args) -> None:
    from contextlib import nullcontext

    import pg_server

    from db.postgres import shown_address

    server = nullcontext(args.url) if args.url else pg_server.throwaway_cluster()
    with server as url:
        report = {"machine": machine(), "backend": "postgresql", "server": shown_address(url),
                  "server_version": server_version(url), "repeats": args.repeats,
                  "targets": {name: TARGETS[name] for name in ("search_ms", "call_list_ms", "add_visit_ms",
                                                               "rebuild_s", "outlook_ms")},
                  "sizes": {}}
        for size in args.sizes:
            if args.fresh:
                for old in args.books.glob(f"demo-{size}-{YEARS}y.db*"):
                    old.unlink()
                pg_server.admin(url, f"DROP DATABASE IF EXISTS {pg_server.PREFIX}demo_{size}_{YEARS}y WITH (FORCE)")
            book, demo_s = ready_book(args.books, size)
            load = args.load or ("copy-book" if size <= COPY_BOOK_UP_TO else "copy")
            figures = {"demo_s": demo_s, **measure_on_server(url, book, size, args.repeats, load)}
            report["sizes"][str(size)] = figures
            print(f"{size} clients measured on the server", file=sys.stderr)
    report["misses"] = misses(report)
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
