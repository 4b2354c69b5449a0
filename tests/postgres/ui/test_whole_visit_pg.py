"""tests/ui/test_whole_visit.py on a book on the server."""
from tests.ui.test_whole_visit import *  # noqa: F403
