"""Every test of tests/unit/test_cli_complaints.py, on a book on the PostgreSQL server."""
from tests.unit.test_cli_complaints import *  # noqa: F403
