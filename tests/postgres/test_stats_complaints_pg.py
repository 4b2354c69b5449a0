"""Every test of tests/unit/test_stats_complaints.py, on a book on the PostgreSQL server."""
from tests.unit.test_stats_complaints import *  # noqa: F403
