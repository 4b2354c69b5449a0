"""tests/reliability/test_terminal_encodings.py on a book on the server."""
from tests.reliability.test_terminal_encodings import *  # noqa: F403
