"""Every test of tests/unit/test_stats_rates.py, on a book on the PostgreSQL server."""
from tests.unit.test_stats_rates import *  # noqa: F403
