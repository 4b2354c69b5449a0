"""Every test of tests/unit/test_cli_catalog.py, on a book on the PostgreSQL server."""
from tests.unit.test_cli_catalog import *  # noqa: F403
