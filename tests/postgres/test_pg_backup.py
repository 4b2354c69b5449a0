"""`backup`, `restore` and `check` on a book on a PostgreSQL server: pg_dump's custom format
and pg_restore, a password kept off every command line and out of every message, and one
sentence naming what to install when the tools are missing (issue 21, item 3)."""
from __future__ import annotations

import subprocess
from pathlib import Path

import psycopg
import pytest

from db import pg_backup
from tests.postgres.conftest import DESK_PASSWORD
from tests.postgres.test_copy_book import TODAY, checksums, demo_book, run


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    return demo_book(tmp_path_factory.mktemp("demo") / "studio.db", clients=60, seed=5)


@pytest.fixture(autouse=True)
def own_data_folder(tmp_path, monkeypatch):
    """The default book's folder (where a server book's copies go) is the test's own."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


@pytest.fixture
def server_book(demo_file, pg_url) -> str:
    assert run("copy-book", demo_file, pg_url).exit_code == 0
    return pg_url


def test_backup_then_restore_gives_the_same_book(server_book, tmp_path):
    before = checksums(server_book)
    dump = tmp_path / "studio.dump"
    result = run("backup", dump, "--db", server_book)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"Backed up {server_book} to {dump} (checked)."
    assert dump.stat().st_mode & 0o777 == 0o600
    assert pg_backup.is_book_archive(dump)

    with psycopg.connect(server_book, autocommit=True) as connection:
        connection.execute("DELETE FROM clients WHERE id IN (SELECT id FROM clients ORDER BY id LIMIT 5)")
    assert checksums(server_book) != before

    result = run("restore", dump, "--db", server_book, "--today", TODAY)
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0] == f"Restored {server_book} from {dump}: clients: 60, visits: {before['visits'][0]}."
    assert lines[1].startswith("The book it replaced is kept as ") and lines[1].endswith(".dump.")
    assert checksums(server_book) == before
    kept = Path(lines[1].removeprefix("The book it replaced is kept as ").removesuffix("."))
    assert kept.is_file() and ".before-restore-" in kept.name


def test_backup_without_a_destination_goes_to_backups_and_check_names_it(server_book, tmp_path):
    result = run("backup", "--db", server_book, "--today", TODAY)
    assert result.exit_code == 0, result.output
    written = Path(result.output.strip().split(" to ", 1)[1].removesuffix(" (checked)."))
    assert written.parent == tmp_path / "data" / "clientbook" / "backups"
    assert written.name.startswith(server_book.split("?")[0].rsplit("/", 1)[1] + ".2026")
    result = run("check", "--db", server_book)
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0].startswith(f"The book {server_book} is sound: clients: 60, visits: ")
    assert lines[1] == f"Latest backup: {written}"
    assert lines[2].startswith("No daily backup is made of a book on a server")


def test_check_finds_a_row_that_refers_to_a_missing_one(server_book):
    with psycopg.connect(server_book, autocommit=True) as connection:  # the superuser, past the references
        connection.execute("SET session_replication_role = replica")
        client = connection.execute("SELECT client_id FROM visits ORDER BY id LIMIT 1").fetchone()[0]
        connection.execute("DELETE FROM clients WHERE id = %s", (client,))
    result = run("check", "--db", server_book)
    assert result.exit_code == 1
    assert f"The book {server_book} has problems:" in result.output
    assert "a row of visits refers to a missing row of clients." in result.output


def test_check_says_a_database_is_not_a_book(pg_url):
    result = run("check", "--db", pg_url)
    assert result.exit_code == 1 and f"{pg_url} is not a clientbook book." in result.output
    with psycopg.connect(pg_url) as connection:
        assert connection.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0] == 0


def test_a_password_stays_off_the_command_line_and_out_of_every_message(demo_file, pg_cluster, pg_database,
                                                                         tmp_path, monkeypatch):
    url = pg_cluster.tcp_url(pg_database)
    assert run("copy-book", demo_file, url).exit_code == 0
    seen = []
    real = subprocess.run

    def watched(arguments, *rest, **options):
        seen.append((arguments, options.get("env") or {}))
        return real(arguments, *rest, **options)

    monkeypatch.setattr(pg_backup.subprocess, "run", watched)
    dump = tmp_path / "desk.dump"
    result = run("backup", dump, "--db", url)
    assert result.exit_code == 0, result.output
    assert DESK_PASSWORD not in result.output and "desk@127.0.0.1" in result.output
    assert seen and all(DESK_PASSWORD not in " ".join(map(str, arguments)) for arguments, _env in seen)
    assert seen[0][1].get("PGPASSWORD") == DESK_PASSWORD  # the child's environment alone

    result = run("restore", dump, "--db", url)
    assert result.exit_code == 0, result.output
    assert DESK_PASSWORD not in result.output
    result = run("check", "--db", url)
    assert result.exit_code == 0 and DESK_PASSWORD not in result.output

    wrong = pg_cluster.tcp_url(pg_database, password="Wrong-pw-0815")
    for args in (["backup", tmp_path / "other.dump"], ["restore", dump], ["check"]):
        result = run(*args, "--db", wrong)
        assert result.exit_code == 1, result.output
        assert "Wrong-pw-0815" not in result.output and DESK_PASSWORD not in result.output, result.output


def test_without_pg_dump_the_sentence_says_what_to_install(server_book, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    monkeypatch.setattr(pg_backup, "TOOL_FOLDERS", str(tmp_path / "no-postgresql"))
    result = run("backup", tmp_path / "x.dump", "--db", server_book)
    assert result.exit_code == 1
    assert result.output.strip() == (
        "Error: pg_dump is not installed, and a book on a PostgreSQL server is backed up and restored through "
        "it: install PostgreSQL's client programs (on Debian or Ubuntu: apt-get install postgresql-client). "
        "Nothing was changed.")
    assert not (tmp_path / "x.dump").exists()
    (tmp_path / "x.dump").write_bytes(b"PGDMP")
    result = run("restore", tmp_path / "x.dump", "--db", server_book)
    assert result.exit_code == 1
    assert "pg_restore is not installed" in result.output and "apt-get install postgresql-client" in result.output


def test_a_book_file_is_not_restored_onto_a_server(server_book, demo_file):
    before = checksums(server_book)
    result = run("restore", demo_file, "--db", server_book)
    assert result.exit_code == 1
    assert "is not a copy of a clientbook book on a server" in result.output
    assert "clientbook copy-book" in result.output
    assert checksums(server_book) == before


def test_another_studios_archive_is_asked_about_as_on_a_file(server_book, pg_cluster, tmp_path):
    dump = tmp_path / "studio.dump"
    assert run("backup", dump, "--db", server_book).exit_code == 0
    other = f"{server_book.split('?')[0].rsplit('/', 1)[1]}_other"
    pg_cluster.admin(f"CREATE DATABASE {other}")
    try:
        other_url = pg_cluster.url(other)
        other_file = demo_book(tmp_path / "other.db", clients=20, seed=9)
        assert run("copy-book", other_file, other_url).exit_code == 0
        before = checksums(other_url)
        result = run("restore", dump, "--db", other_url)
        assert result.exit_code == 1
        assert f"{dump} is another studio's book (" in result.output and ", 60 clients)" in result.output
        assert "20 clients" in result.output and "add --yes" in result.output
        assert checksums(other_url) == before
        result = run("restore", dump, "--db", other_url, "--yes")
        assert result.exit_code == 0, result.output
        assert checksums(other_url) == checksums(server_book)
    finally:
        pg_cluster.admin(f"DROP DATABASE IF EXISTS {other} WITH (FORCE)")


def test_an_archive_is_not_restored_into_another_programs_database(server_book, pg_url, tmp_path):
    dump = tmp_path / "studio.dump"
    assert run("backup", dump, "--db", server_book).exit_code == 0
    with psycopg.connect(server_book, autocommit=True) as connection:
        connection.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public; CREATE TABLE orders (id int)")
    result = run("restore", dump, "--db", server_book, "--yes")
    assert result.exit_code == 1
    assert "holds another program's tables" in result.output and "The book was not changed." in result.output
    with psycopg.connect(server_book) as connection:
        assert connection.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall() == \
            [("orders",)]
