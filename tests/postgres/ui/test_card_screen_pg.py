"""tests/ui/test_card_screen.py on a book on the server."""
from tests.ui.test_card_screen import *  # noqa: F403
