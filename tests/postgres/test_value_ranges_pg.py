"""tests/reliability/test_value_ranges.py on a book on the server."""
from tests.reliability.test_value_ranges import *  # noqa: F403
