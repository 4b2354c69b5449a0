"""Every test of tests/unit/test_cli_courses.py, on a book on the PostgreSQL server."""
from tests.unit.test_cli_courses import *  # noqa: F403
