"""Opening a book on a PostgreSQL server: the schema as SQLite's, the level kept in a table,
libpq's URLs, and a password that never shows (issue 21)."""
from __future__ import annotations

import sqlite3

import psycopg
import pytest
from click.testing import CliRunner

from clientbook.cli import cli
from clientbook.services.book import open_book, resolve_book_path, summary
from db.connection import open_database
from db.errors import BookError, BookUnreachable, NotABook
from db.migrations import LATEST
from db.postgres import shown_address, translate
from tests.postgres.conftest import DESK_PASSWORD

# Only SQLite's: the FTS5 index and its shadow tables. Only the server's: where its level is kept.
SQLITE_ONLY = {"client_fts", "client_fts_config", "client_fts_data", "client_fts_docsize", "client_fts_idx"}
SERVER_ONLY = {"clientbook_schema"}


def columns_of_sqlite(path) -> dict[str, list[str]]:
    with sqlite3.connect(path) as connection:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {table: [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]
                for table in tables if table not in SQLITE_ONLY}


def columns_of_server(url) -> dict[str, list[str]]:
    with psycopg.connect(url) as connection:
        rows = connection.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position").fetchall()
    found: dict[str, list[str]] = {}
    for table, column in rows:
        if table not in SERVER_ONLY:
            found.setdefault(table, []).append(column)
    return found


def test_a_new_server_book_has_the_tables_and_columns_of_a_new_file_book(tmp_path, pg_url):
    open_book(tmp_path / "studio.db").close()
    open_book(pg_url).close()
    on_sqlite, on_server = columns_of_sqlite(tmp_path / "studio.db"), columns_of_server(pg_url)
    assert len(on_server) == 27
    assert on_server == on_sqlite  # the same tables, each with the same columns in the same order


def test_the_level_is_kept_in_a_table_and_reopening_changes_nothing(pg_url):
    book = open_database(pg_url)
    assert book.execute_sql("SELECT application_id, level FROM clientbook_schema").fetchall() == \
        [(0x436C426B, LATEST)]
    book_id = book.execute_sql("SELECT value FROM settings WHERE key = 'book_id'").fetchone()[0]
    assert len(book_id) == 32 and int(book_id, 16) >= 0
    reasons = book.execute_sql("SELECT count(*) FROM reasons WHERE builtin = 1").fetchone()[0]
    book.close()
    again = open_database(pg_url)
    assert again.execute_sql("SELECT level FROM clientbook_schema").fetchall() == [(LATEST,)]
    assert again.execute_sql("SELECT count(*) FROM reasons WHERE builtin = 1").fetchone()[0] == reasons == 13
    again.close()


def test_postgres_scheme_and_the_environment_variable(pg_url, monkeypatch):
    short = pg_url.replace("postgresql://", "postgres://", 1)
    monkeypatch.setenv("CLIENTBOOK_DB", short)
    assert resolve_book_path(None) == short  # not folded into a Path
    book = open_book(resolve_book_path(None))
    assert book.dialect == "postgresql"
    assert summary(book, short).name == pg_url.split("?")[0].rsplit("/", 1)[1]
    book.close()


def test_another_programs_database_is_refused(pg_url):
    with psycopg.connect(pg_url, autocommit=True) as connection:
        connection.execute("CREATE TABLE orders (id int)")
    with pytest.raises(NotABook):
        open_database(pg_url)
    with psycopg.connect(pg_url) as connection:  # and left as it was
        assert connection.execute("SELECT to_regclass('clientbook_schema')").fetchone() == (None,)


def test_the_password_is_never_shown(pg_cluster, pg_database):
    url = pg_cluster.tcp_url(pg_database)
    book = open_book(url)
    assert DESK_PASSWORD not in book.path and DESK_PASSWORD not in repr(book)
    assert book.path == f"postgresql://desk@127.0.0.1:{pg_cluster.port}/{pg_database}"
    assert summary(book, url).path == book.path
    book.close()
    wrong = pg_cluster.tcp_url(pg_database, password="Wrong-pw-0815")
    with pytest.raises(BookUnreachable) as refused:
        open_book(wrong)
    said = str(refused.value)
    assert refused.value.detail == "login" and "refused the login" in said and "~/.pgpass" in said
    assert "Wrong-pw-0815" not in said and "Wrong-pw-0815" not in repr(refused.value.args)
    assert "Wrong-pw-0815" not in f"{refused.value.__context__}{refused.value.__cause__}"
    result = CliRunner().invoke(cli, ["search", "x", "--db", wrong])
    assert result.exit_code == 1 and "refused the login" in result.output
    assert "Wrong-pw-0815" not in result.output


def test_a_missing_database_and_a_silent_server_are_one_sentence_each(pg_cluster):
    with pytest.raises(BookUnreachable) as missing:
        open_book(pg_cluster.url("no_such_book"))
    assert missing.value.detail == "missing" and "createdb" in str(missing.value)
    with pytest.raises(BookError) as silent:
        open_book(f"postgresql://desk:{DESK_PASSWORD}@127.0.0.1:1/book?connect_timeout=2")
    assert silent.value.detail == "unreachable" and "cannot be reached" in str(silent.value)
    assert DESK_PASSWORD not in str(silent.value)


@pytest.mark.parametrize("url, shown", [
    ("postgresql://desk:s3cret@db.studio:5432/book?sslmode=require",
     "postgresql://desk@db.studio:5432/book?sslmode=require"),
    ("postgres://desk:p%40ss@h1,h2/book", "postgres://desk@h1,h2/book"),
    ("postgresql:///book?host=/run/pg&password=s3cret&user=desk", "postgresql:///book?host=/run/pg&user=desk"),
    ("postgresql://desk@db/book?service=studio", "postgresql://desk@db/book?service=studio"),
])
def test_the_shown_address_has_no_password(url, shown):
    assert shown_address(url) == shown


def test_the_translation_of_sqlite_sql():
    sql, order, _returns = translate("SELECT a FROM t WHERE b IS ? AND c IS NOT ? AND d LIKE '50%' AND e = ?2",
                                     None, ("x", "y"))
    assert sql == ("SELECT a FROM t WHERE b IS NOT DISTINCT FROM %s AND c IS DISTINCT FROM %s "
                   "AND d LIKE '50%%' AND e = %s")
    assert order == [0, 1, 1]
    assert translate("INSERT OR IGNORE INTO tags (name) VALUES (?)", None, ("a",))[0] == \
        "INSERT INTO tags (name) VALUES (%s) ON CONFLICT DO NOTHING"
    assert translate("SELECT 1 FROM x WHERE +x.day <= :today LIMIT :limit", None, {"today": 1, "limit": 2})[0] == \
        "SELECT 1 FROM x WHERE x.day <= %(today)s LIMIT sqlite_limit(%(limit)s)"
    assert translate("SELECT '10:00 ?' FROM x", None, ())[0] == "SELECT '10:00 ?' FROM x"


def test_a_server_book_at_level_11_is_brought_to_sign_its_rows(pg_url):
    """A studio's server book made by the clientbook before level 12: its rows stay unsigned,
    and every row written from then on records its desk and person (db/writers.py)."""
    from db.migrations import upgrade_server

    book = open_database(pg_url, migrate=False)
    upgrade_server(book, upto=11)
    book.execute_sql("INSERT INTO clients (first_name, last_name, created_at, updated_at) "
                     "VALUES ('Анна', 'Ёлкина', '2026-01-10 10:00:00', '2026-01-10 10:00:00')")
    book.close()
    again = open_book(pg_url)  # this clientbook: level 12, signed by tests/conftest.py's desk
    try:
        assert again.execute_sql("SELECT level FROM clientbook_schema").fetchall() == [(LATEST,)]
        again.execute_sql("INSERT INTO clients (first_name, last_name, created_at, updated_at) "
                          "VALUES ('Ольга', 'Ким', '2026-11-22 10:00:00', '2026-11-22 10:00:00')")
        assert again.execute_sql("SELECT first_name, written_desk, written_user FROM clients ORDER BY id"
                                 ).fetchall() == [("Анна", None, None), ("Ольга", "Ресепшен", "Анна")]
    finally:
        again.close()


def test_the_planner_reads_rows_by_index_as_from_memory_unless_the_server_says_otherwise(pg_url, monkeypatch):
    book = open_book(pg_url)
    assert book.execute_sql("SELECT current_setting('random_page_cost')").fetchone() == ("1.1",)
    book.close()
    for chosen in ("2", "4"):  # set for this connection, as an administrator would for the server
        monkeypatch.setenv("PGOPTIONS", f"-c random_page_cost={chosen}")
        book = open_book(pg_url)
        assert book.execute_sql("SELECT current_setting('random_page_cost')").fetchone() == (chosen,)
        book.close()
