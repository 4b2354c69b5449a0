"""Every test of tests/unit/test_usual_visit.py, on a book on the PostgreSQL server."""
from tests.unit.test_usual_visit import *  # noqa: F403
