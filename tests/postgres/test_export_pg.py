"""Every test of tests/unit/test_export.py, on a book on the PostgreSQL server."""
from tests.unit.test_export import *  # noqa: F403
