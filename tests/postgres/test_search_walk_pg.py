"""tests/unit/test_search_walk.py on a book on the server: the walk of the first names, then the collected clients."""
from tests.unit.test_search_walk import *  # noqa: F403
