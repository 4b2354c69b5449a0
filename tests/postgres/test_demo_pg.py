"""Every test of tests/unit/test_demo.py, on a book on the PostgreSQL server."""
from tests.unit.test_demo import *  # noqa: F403
