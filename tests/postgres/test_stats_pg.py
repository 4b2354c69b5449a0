"""Every test of tests/unit/test_stats.py, on a book on the PostgreSQL server."""
from tests.unit.test_stats import *  # noqa: F403
