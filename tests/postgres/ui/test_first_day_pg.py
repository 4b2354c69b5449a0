"""tests/ui/test_first_day.py on a book on the server."""
from tests.ui.test_first_day import *  # noqa: F403
