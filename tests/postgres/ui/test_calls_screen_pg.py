"""tests/ui/test_calls_screen.py on a book on the server."""
from tests.ui.test_calls_screen import *  # noqa: F403
