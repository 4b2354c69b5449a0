"""Every test of tests/unit/test_cli_cases.py, on a book on the PostgreSQL server."""
from tests.unit.test_cli_cases import *  # noqa: F403
