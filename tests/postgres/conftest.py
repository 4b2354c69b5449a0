"""A throwaway PostgreSQL cluster for the tests in tests/postgres/ (issue 21).

One cluster per test session (per xdist worker), made with the server's own initdb and
pg_ctl in a temporary folder, run by an unprivileged user (initdb refuses root: as root the
cluster runs as the `postgres` system user, else as `nobody`), listening on a Unix socket
in that folder and on a free localhost port. Local socket connections are trusted; TCP
connections need a password (scram), so that a test can give one and see it kept out of
every message. Each test gets a database of its own, dropped after it.

Without PostgreSQL's server (Debian: `apt-get install postgresql`) or psycopg
(`pip install -e '.[postgresql]'`) the tests here are skipped with the reason; in CI
(`CI=true`, where .ci/run installs both) they fail instead, so that a skipped backend
cannot pass for a green one.
"""
from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

DESK_USER, DESK_PASSWORD = "desk", "Sekret-pw-4711"  # a role that needs a password over TCP


def pytest_collection_modifyitems(items):
    """A test of tests/unit marked sqlite_only (SQLite's own behaviour) is skipped here, with its reason."""
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None and "tests/postgres/" in item.nodeid:
            reason = marker.args[0] if marker.args else marker.kwargs.get("reason", "")
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {reason}"))


def server_bin() -> Path | None:
    """The folder of the newest PostgreSQL server found: Debian's /usr/lib/postgresql/N/bin,
    else wherever initdb is on PATH."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda path: int(Path(path).parent.parent.name) if Path(path).parent.parent.name.isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def _missing() -> str | None:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install -e '.[postgresql]')"
    if server_bin() is None:
        return ("no PostgreSQL server binaries (initdb, pg_ctl) found; on Debian or Ubuntu: "
                "apt-get install postgresql")
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Cluster:
    folder: Path
    port: int

    def url(self, dbname: str = "postgres") -> str:
        """A libpq URL over the cluster's Unix socket (trusted: no password)."""
        return f"postgresql://postgres@/{dbname}?host={self.folder}&port={self.port}"

    def tcp_url(self, dbname: str, password: str = DESK_PASSWORD) -> str:
        """A libpq URL over TCP as the desk role, with its password in the URL."""
        return f"postgresql://{DESK_USER}:{password}@127.0.0.1:{self.port}/{dbname}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(sql)


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", _server_user(), "--", *command]


def _server_user() -> str:
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise RuntimeError("no unprivileged user to run PostgreSQL as (postgres or nobody)")


@pytest.fixture(scope="session")
def pg_cluster():
    why = _missing()
    if why:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the PostgreSQL tests, but {why}; .ci/run installs them")
        pytest.skip(why)
    bindir = server_bin()
    folder = Path(tempfile.mkdtemp(prefix="cb-pg-"))  # short: a socket's path has 107 bytes at most
    if os.geteuid() == 0:
        user = pwd.getpwnam(_server_user())
        os.chown(folder, user.pw_uid, user.pw_gid)
    data, port = folder / "data", _free_port()
    run = {"check": True, "capture_output": True, "text": True, "cwd": folder}
    subprocess.run(_as_server_user([str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-E", "UTF8",
                                    "--locale=C.UTF-8", "--auth-local=trust", "--auth-host=scram-sha-256"]),
                   **run)
    options = (f"-k {folder} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off "
               "-c synchronous_commit=off -c full_page_writes=off")
    try:
        subprocess.run(_as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"),
                                        "-o", options, "-w", "-t", "60", "start"]), **run)
    except subprocess.CalledProcessError as error:
        log = (folder / "log").read_text() if (folder / "log").exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL did not start: {error.stderr}{log}") from error
    cluster = Cluster(folder, port)
    try:
        cluster.admin(f"CREATE ROLE {DESK_USER} LOGIN CREATEDB PASSWORD '{DESK_PASSWORD}'")
        yield cluster
    finally:
        subprocess.run(_as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w",
                                        "stop"]), capture_output=True, cwd=folder)
        shutil.rmtree(folder, ignore_errors=True)


_numbers = itertools.count(1)


@pytest.fixture
def pg_database(pg_cluster):
    """A fresh, empty database of its own for one test, owned by the desk role; its name."""
    name = f"book_{os.getpid()}_{next(_numbers)}"
    pg_cluster.admin(f"CREATE DATABASE {name} OWNER {DESK_USER}")
    yield name
    pg_cluster.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def pg_url(pg_cluster, pg_database) -> str:
    """A libpq URL of a fresh, empty database (over the cluster's socket, no password)."""
    return pg_cluster.url(pg_database)



@pytest.fixture
def book_path(pg_url) -> str:
    """The book of a test, as `--db` takes it: a fresh database's URL in place of a file. The
    tests of tests/unit imported into tests/postgres/ run on it unchanged, `book` (opened
    with open_book) too."""
    return pg_url


@pytest.fixture(scope="session")
def pg_template(pg_cluster) -> str:
    """A database made a book once per worker, at the current level: the template of the
    books `new_book_path` gives (CREATE DATABASE … TEMPLATE: no schema steps per test)."""
    from clientbook.services.book import open_book

    name = f"book_template_{os.getpid()}"
    pg_cluster.admin(f"CREATE DATABASE {name} OWNER {DESK_USER}")
    open_book(pg_cluster.url(name)).close()
    return name


_made: list[tuple[Cluster, str]] = []  # (its cluster, a database) made by new_book_path


@pytest.fixture(scope="session")
def new_book_path(pg_cluster, pg_template):
    """`new_book_path(name)`: a fresh book on the server, each call another: a copy of the
    template with an identity of its own (tests/conftest.py's is a file). Dropped at the
    end of the test module that made it (`_drop_the_modules_books`)."""
    import psycopg

    def place(name: str = "studio.db") -> str:
        database = f"book_{os.getpid()}_{next(_numbers)}"
        pg_cluster.admin(f"CREATE DATABASE {database} TEMPLATE {pg_template} OWNER {DESK_USER}")
        _made.append((pg_cluster, database))
        url = pg_cluster.url(database)
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute("UPDATE settings SET value = replace(gen_random_uuid()::text, '-', '') "
                               "WHERE key = 'book_id'")
        return url
    return place


@pytest.fixture(scope="session")
def copy_book(pg_cluster):
    """`copy_book(source, name)`: a database copied from the (closed) book at the URL `source`,
    as a studio copies its file (tests/conftest.py's copies a file)."""
    from urllib.parse import urlsplit

    def copy(source: str, name: str = "copy.db") -> str:
        database = f"book_{os.getpid()}_{next(_numbers)}"
        original = urlsplit(source).path.lstrip("/")
        pg_cluster.admin(f"CREATE DATABASE {database} TEMPLATE {original} OWNER {DESK_USER}")
        _made.append((pg_cluster, database))
        return pg_cluster.url(database)
    return copy


@pytest.fixture(scope="module", autouse=True)
def _drop_the_modules_books():
    """The books a module made with `new_book_path` go when it ends (after its own fixtures)."""
    yield
    while _made:
        cluster, database = _made.pop()
        cluster.admin(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")



@pytest.fixture(autouse=True)
def _backups_kept_in_the_test(tmp_path, monkeypatch):
    """A server book has no folder of its own: what it keeps beside it (the dump a restore
    takes of the book it replaces) goes under the user's data folder, here a temporary one,
    never the real one of whoever runs the tests."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
