"""tests/ui/test_markup.py on a book on the server."""
from tests.ui.test_markup import *  # noqa: F403
