"""Every test of tests/unit/test_brief.py, on a book on the PostgreSQL server."""
from tests.unit.test_brief import *  # noqa: F403
