"""tests/ui/test_visit_form_screen.py on a book on the server."""
from tests.ui.test_visit_form_screen import *  # noqa: F403
