"""tests/unit/test_models.py on a book on the server."""
from tests.unit.test_models import *  # noqa: F403
