"""Who wrote each row, on a book on the server: every test of tests/unit/test_writers.py
(level 12's triggers sign the rows there, from the connection's clientbook.desk and .user)."""
from tests.unit.test_writers import *  # noqa: F403
