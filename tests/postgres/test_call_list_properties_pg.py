"""tests/unit/test_call_list_properties.py on a book on the server: no client the rules exclude is
ever listed, for any mix of visits, bookings, calls, archiving and do-not-contact (hypothesis)."""
from tests.unit.test_call_list_properties import *  # noqa: F403
