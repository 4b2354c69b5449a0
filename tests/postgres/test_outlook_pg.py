"""Every test of tests/unit/test_outlook.py, on a book on the PostgreSQL server."""
from tests.unit.test_outlook import *  # noqa: F403
