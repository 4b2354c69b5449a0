"""tests/reliability/test_properties.py on a book on the server."""
from tests.reliability.test_properties import *  # noqa: F403
