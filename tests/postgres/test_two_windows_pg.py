"""Every test of tests/reliability/test_two_windows.py, on a book on the PostgreSQL server:
two windows on one book, optimistic conflicts (the second to save the same field is told)."""
from tests.reliability.test_two_windows import *  # noqa: F403
