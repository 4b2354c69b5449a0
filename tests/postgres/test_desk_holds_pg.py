"""tests/unit/test_desk_holds.py on a book on the server (its clientbook_desks table)."""
from tests.unit.test_desk_holds import *  # noqa: F403
