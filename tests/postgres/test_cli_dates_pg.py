"""Every test of tests/unit/test_cli_dates.py, on a book on the PostgreSQL server."""
from tests.unit.test_cli_dates import *  # noqa: F403
