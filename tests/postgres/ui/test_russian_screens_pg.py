"""tests/ui/test_russian_screens.py on a book on the server."""
from tests.ui.test_russian_screens import *  # noqa: F403
