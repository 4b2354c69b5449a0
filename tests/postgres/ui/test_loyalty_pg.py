"""tests/ui/test_loyalty.py on a book on the server."""
from tests.ui.test_loyalty import *  # noqa: F403
