"""Every test of tests/unit/test_cli_calls.py, on a book on the PostgreSQL server."""
from tests.unit.test_cli_calls import *  # noqa: F403
