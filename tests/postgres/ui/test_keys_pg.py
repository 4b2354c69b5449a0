"""tests/ui/test_keys.py on a book on the server."""
from tests.ui.test_keys import *  # noqa: F403
