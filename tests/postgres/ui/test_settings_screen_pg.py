"""tests/ui/test_settings_screen.py on a book on the server."""
from tests.ui.test_settings_screen import *  # noqa: F403
