"""Every test of tests/unit/test_slots.py, on a book on the PostgreSQL server."""
from tests.unit.test_slots import *  # noqa: F403
