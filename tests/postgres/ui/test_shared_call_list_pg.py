"""tests/ui/test_shared_call_list.py on a book on the server."""
from tests.ui.test_shared_call_list import *  # noqa: F403
