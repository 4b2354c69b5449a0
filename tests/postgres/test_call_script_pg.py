"""Every test of tests/unit/test_call_script.py, on a book on the PostgreSQL server."""
from tests.unit.test_call_script import *  # noqa: F403
