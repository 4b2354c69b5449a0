"""tests/unit/test_cli_russian.py on a book on the server."""
from tests.unit.test_cli_russian import *  # noqa: F403
