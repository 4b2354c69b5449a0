"""Every test of tests/unit/test_first_day_cli.py, on a book on the PostgreSQL server."""
from tests.unit.test_first_day_cli import *  # noqa: F403
