"""tests/reliability/test_forget.py on a book on the server."""
from tests.reliability.test_forget import *  # noqa: F403
