"""`clientbook copy-book SRC DEST`: a whole book from a file to a PostgreSQL server and back,
every table checked by its count and checksum; a failure leaves DEST as it was; a
password never shows (issue 21, item 3)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from clientbook.cli import cli
from clientbook.main import program
from clientbook.services.book import open_book
from clientbook.services.calls import call_list
from clientbook.services.demo import generate_demo
from clientbook.services.exporter import JSON_TABLES
from clientbook.services.search import search
from db import book_copy
from tests.postgres.conftest import DESK_PASSWORD

TODAY = date(2026, 11, 22)


def run(*args):
    return CliRunner().invoke(cli, [str(arg) for arg in args], obj=program())


def demo_book(path: Path, clients: int, seed: int) -> Path:
    """A demo studio in a new book file at `path`."""
    database = open_book(path)
    generate_demo(database, clients=clients, seed=seed, today=TODAY)
    database.close()
    return path


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    """A demo studio of 200 clients in a book file (made once for the module; copied from)."""
    return demo_book(tmp_path_factory.mktemp("demo") / "studio.db", clients=200, seed=3)


def checksums(location) -> dict[str, tuple[int, str]]:
    """Each studio table's (rows, checksum), as copy-book compares them."""
    database = open_book(location)
    try:
        return {table: book_copy.digest(database, table, book_copy.layout(database, table)) for table in JSON_TABLES}
    finally:
        database.close()


def tables_on_server(url) -> list[str]:
    with psycopg.connect(url) as connection:
        return [row[0] for row in connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")]


def test_a_file_book_goes_to_the_server_and_back_with_equal_tables(demo_file, pg_url, tmp_path):
    result = run("copy-book", demo_file, pg_url, "--today", TODAY)
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"Copied the book {demo_file} to {pg_url}: {len(JSON_TABLES)} tables, ")
    assert "clients: 200, visits: " in lines[0] and "checksum checked" in lines[0]
    original = checksums(demo_file)
    assert original["clients"][0] == 200 and original["visits"][0] > 1000
    assert checksums(pg_url) == original

    back = tmp_path / "back.db"
    result = run("copy-book", pg_url, back, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert checksums(back) == original


def test_the_copy_on_the_server_finds_and_calls_as_the_file_does(demo_file, pg_url):
    assert run("copy-book", demo_file, pg_url, "--today", TODAY).exit_code == 0
    here, there = open_book(demo_file), open_book(pg_url)
    try:
        # The planner knows the copied tables at once (ANALYZE), not only once autovacuum came by.
        assert there.execute_sql("SELECT reltuples FROM pg_class WHERE relname = 'clients'").fetchone() == (200,)
        someone = here.execute_sql("SELECT last_name FROM clients ORDER BY id LIMIT 1").fetchone()[0]
        fragment = someone[:4].lower()
        assert [hit.id for hit in search(there, fragment)] == [hit.id for hit in search(here, fragment)]
        assert search(there, fragment)
        on_file = [(item.id, item.reason) for item in call_list(here, TODAY).items]
        on_server = [(item.id, item.reason) for item in call_list(there, TODAY).items]
        assert on_server == on_file and on_server
        # The ids go on after the copied ones: a new client on the server gets the next number.
        top = there.execute_sql("SELECT max(id) FROM clients").fetchone()[0]
        new = there.execute_sql("INSERT INTO clients (first_name, last_name, created_at, updated_at) "
                                "VALUES ('Новая', 'Клиентка', '2026-11-22', '2026-11-22')").lastrowid
        assert new == top + 1
    finally:
        here.close()
        there.close()


def test_a_failure_half_way_leaves_the_server_database_empty(demo_file, pg_url, monkeypatch):
    copy_table = book_copy.copy_table

    def failing(source, dest, table, shape):
        if table == "visits":
            raise RuntimeError("the wire was cut")
        return copy_table(source, dest, table, shape)

    monkeypatch.setattr(book_copy, "copy_table", failing)
    with pytest.raises(RuntimeError):
        run_result = CliRunner().invoke(cli, ["copy-book", str(demo_file), pg_url], obj=program(),
                                        catch_exceptions=False)
        assert run_result  # not reached
    assert tables_on_server(pg_url) == []  # not even the schema: one transaction, rolled back


def test_a_mismatch_leaves_a_new_file_unmade(demo_file, pg_url, tmp_path, monkeypatch):
    assert run("copy-book", demo_file, pg_url).exit_code == 0
    digest = book_copy.digest

    def altered(database, table, shape):
        count, value = digest(database, table, shape)
        return (count, "0" * 64) if table == "contacts" else (count, value)

    monkeypatch.setattr(book_copy, "digest", altered)
    back = tmp_path / "back.db"
    result = run("copy-book", pg_url, back)
    assert result.exit_code == 1
    assert "does not match its source in the table contacts" in result.output
    assert "left as it was" in result.output
    assert not back.exists() and not Path(f"{back}-wal").exists()


def test_a_failure_leaves_an_empty_file_book_as_it_was(demo_file, tmp_path, monkeypatch):
    empty = tmp_path / "empty.db"
    open_book(empty).close()
    before = checksums(empty)

    def failing(source, dest, table, shape):
        raise book_copy_error()

    monkeypatch.setattr(book_copy, "copy_table", failing)
    result = run("copy-book", demo_file, empty)
    assert result.exit_code == 1
    assert "could not be copied" in result.output and "left as it was" in result.output
    assert checksums(empty) == before


def book_copy_error():
    from peewee import IntegrityError

    return IntegrityError("UNIQUE constraint failed: clients.id")


def test_a_destination_with_clients_is_refused(demo_file, tmp_path, pg_url):
    assert run("copy-book", demo_file, pg_url).exit_code == 0
    before = checksums(pg_url)
    result = run("copy-book", demo_file, pg_url)
    assert result.exit_code == 1
    assert result.output.count(".") >= 1 and len(result.output.strip().splitlines()) == 1
    assert "already holds a book with its own rows (in clients)" in result.output
    assert checksums(pg_url) == before
    other = tmp_path / "other.db"
    assert run("copy-book", demo_file, other).exit_code == 0
    result = run("copy-book", pg_url, other)
    assert result.exit_code == 1 and "already holds a book" in result.output


def test_a_new_empty_server_book_takes_the_copy(demo_file, pg_url):
    open_book(pg_url).close()  # opened once: its own settings and built-in reasons
    result = run("copy-book", demo_file, pg_url)
    assert result.exit_code == 0, result.output
    assert checksums(pg_url) == checksums(demo_file)


def test_the_password_never_shows(demo_file, pg_cluster, pg_database, tmp_path):
    url = pg_cluster.tcp_url(pg_database)
    assert DESK_PASSWORD in url
    result = run("copy-book", demo_file, url)
    assert result.exit_code == 0, result.output
    assert DESK_PASSWORD not in result.output and "desk@127.0.0.1" in result.output
    result = run("copy-book", demo_file, url)  # refused: not empty
    assert result.exit_code == 1 and DESK_PASSWORD not in result.output
    wrong = pg_cluster.tcp_url(pg_database, password="Wrong-pw-0815")
    result = run("copy-book", wrong, tmp_path / "back.db")
    assert result.exit_code == 1 and "Wrong-pw-0815" not in result.output, result.output
    assert not (tmp_path / "back.db").exists()


def test_a_missing_source_and_the_same_book_are_refused(tmp_path, pg_url):
    result = run("copy-book", tmp_path / "none.db", pg_url)
    assert result.exit_code == 1 and f"There is no book at {tmp_path / 'none.db'}." in result.output
    assert not (tmp_path / "none.db").exists()
    result = run("copy-book", pg_url, tmp_path / "back.db")
    assert result.exit_code == 1 and "There is no book at" in result.output
    assert tables_on_server(pg_url) == [] and not (tmp_path / "back.db").exists()
    result = run("copy-book", pg_url, pg_url)
    assert result.exit_code == 1 and "are the same book" in result.output


def test_file_to_file(demo_file, tmp_path):
    result = run("copy-book", demo_file, tmp_path / "copy.db")
    assert result.exit_code == 0, result.output
    assert checksums(tmp_path / "copy.db") == checksums(demo_file)
