"""Search on PostgreSQL: every test of tests/unit/test_search.py, on a book on the server
(the `book` fixture of tests/postgres/conftest.py): fragments in any case, ё = е, phone
digits however typed, one- and two-letter word starts, archived clients, the order."""
from tests.unit.test_search import *  # noqa: F403


def test_forgotten_client_is_gone_from_the_index(studio):  # in place of the one on client_fts, which the server has not
    book, ids = studio
    forget(book, ids["elkina"])  # noqa: F405
    assert names(book, "елкина", include_archived=True) == []  # noqa: F405
    assert search(book, "916123", include_archived=True) == []  # noqa: F405
    for table in ("client_search", "client_words"):
        assert book.execute_sql(f"SELECT count(*) FROM {table} WHERE client_id = ?",
                                (ids["elkina"],)).fetchone() == (0,)
    assert book.execute_sql("SELECT count(*) FROM client_search").fetchone() == (3,)
