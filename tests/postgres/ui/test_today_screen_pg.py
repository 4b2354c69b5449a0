"""tests/ui/test_today_screen.py on a book on the server."""
from tests.ui.test_today_screen import *  # noqa: F403
