"""Every test of tests/unit/test_excel_export.py, on a book on the PostgreSQL server."""
from tests.unit.test_excel_export import *  # noqa: F403
