"""Every test of tests/reliability/test_archived_off_screens.py, on a book on the PostgreSQL server."""
from tests.reliability.test_archived_off_screens import *  # noqa: F403
