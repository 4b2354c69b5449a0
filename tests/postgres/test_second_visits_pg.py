"""Every test of tests/unit/test_second_visits.py, on a book on the PostgreSQL server."""
from tests.unit.test_second_visits import *  # noqa: F403
