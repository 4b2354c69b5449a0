"""The call list on PostgreSQL: every test of tests/unit/test_call_list.py, on a book on the
server: who is due, at risk, lost, called back, booked to confirm, and in what order."""
from tests.unit.test_call_list import *  # noqa: F403
