"""tests/ui/test_import_dialog.py on a book on the server."""
from tests.ui.test_import_dialog import *  # noqa: F403
