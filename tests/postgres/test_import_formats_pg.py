"""Every test of tests/unit/test_import_formats.py, on a book on the PostgreSQL server."""
from tests.unit.test_import_formats import *  # noqa: F403
