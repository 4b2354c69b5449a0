"""Every test of tests/unit/test_lives.py, on a book on the PostgreSQL server."""
from tests.unit.test_lives import *  # noqa: F403
