"""Every test of tests/unit/test_cli_clients.py, on a book on the PostgreSQL server."""
from tests.unit.test_cli_clients import *  # noqa: F403
