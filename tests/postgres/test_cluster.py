"""The throwaway cluster itself: it runs, answers on its socket and over TCP with a password,
and ships pg_trgm, which search on PostgreSQL needs."""
from __future__ import annotations

import psycopg
import pytest

from tests.postgres.conftest import DESK_USER


def test_a_fresh_database_answers_on_the_socket(pg_url):
    with psycopg.connect(pg_url) as connection:
        assert connection.execute("SELECT current_database(), 1 + 1").fetchone()[1] == 2
        assert connection.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone() == (0,)


def test_tcp_needs_the_password(pg_cluster, pg_database):
    with psycopg.connect(pg_cluster.tcp_url(pg_database)) as connection:
        assert connection.execute("SELECT current_user").fetchone() == (DESK_USER,)
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(pg_cluster.tcp_url(pg_database, password="wrong"))


def test_pg_trgm_is_there(pg_url):
    with psycopg.connect(pg_url, autocommit=True) as connection:
        connection.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        assert connection.execute("SELECT similarity('Петрова', 'Петров')").fetchone()[0] > 0.5
