"""tests/ui/test_catalog_screen.py on a book on the server."""
from tests.ui.test_catalog_screen import *  # noqa: F403
