"""tests/reliability/test_bad_input.py on a book on the server."""
from tests.reliability.test_bad_input import *  # noqa: F403
