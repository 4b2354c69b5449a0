"""tests/ui/test_json_import_dialog.py on a book on the server."""
from tests.ui.test_json_import_dialog import *  # noqa: F403
