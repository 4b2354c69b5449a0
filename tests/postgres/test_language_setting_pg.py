"""Every test of tests/unit/test_language_setting.py, on a book on the PostgreSQL server."""
from tests.unit.test_language_setting import *  # noqa: F403
