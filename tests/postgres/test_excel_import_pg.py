"""Every test of tests/unit/test_excel_import.py, on a book on the PostgreSQL server."""
from tests.unit.test_excel_import import *  # noqa: F403
