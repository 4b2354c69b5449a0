"""Every test of tests/unit/test_visit_rules.py, on a book on the PostgreSQL server."""
from tests.unit.test_visit_rules import *  # noqa: F403
