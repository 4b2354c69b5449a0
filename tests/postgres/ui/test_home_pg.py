"""tests/ui/test_home.py on a book on the server."""
from tests.ui.test_home import *  # noqa: F403
