"""tests/ui/test_reports_complaints.py on a book on the server."""
from tests.ui.test_reports_complaints import *  # noqa: F403
