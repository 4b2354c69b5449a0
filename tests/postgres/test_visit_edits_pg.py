"""Every test of tests/unit/test_visit_edits.py, on a book on the PostgreSQL server."""
from tests.unit.test_visit_edits import *  # noqa: F403
