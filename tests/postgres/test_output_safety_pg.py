"""tests/reliability/test_output_safety.py on a book on the server."""
from tests.reliability.test_output_safety import *  # noqa: F403
