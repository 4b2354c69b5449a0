"""tests/unit/test_call_list_walk.py on a book on the server: the walk of client_outlook, LATERAL."""
from tests.unit.test_call_list_walk import *  # noqa: F403
