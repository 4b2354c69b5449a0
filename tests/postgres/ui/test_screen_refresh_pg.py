"""tests/ui/test_screen_refresh.py on a book on the server."""
from tests.ui.test_screen_refresh import *  # noqa: F403
