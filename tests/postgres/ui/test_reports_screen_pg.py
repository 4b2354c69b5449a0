"""tests/ui/test_reports_screen.py on a book on the server."""
from tests.ui.test_reports_screen import *  # noqa: F403
