"""Every test of tests/unit/test_cli_bonuses.py, on a book on the PostgreSQL server."""
from tests.unit.test_cli_bonuses import *  # noqa: F403
