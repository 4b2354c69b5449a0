"""Every test of tests/unit/test_catalog.py, on a book on the PostgreSQL server."""
from tests.unit.test_catalog import *  # noqa: F403
