"""tests/ui/test_same_rules.py on a book on the server."""
from tests.ui.test_same_rules import *  # noqa: F403
