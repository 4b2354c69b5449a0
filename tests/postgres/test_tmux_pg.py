"""The end-to-end tests of tests/e2e/test_tmux.py, the installed clientbook driven in tmux,
on a book on the server: a person's round (search, card, call list, an outcome) and a solo
master's first day from an empty book, each read back with the command line."""
import pytest

from tests.e2e.test_tmux import *  # noqa: F403

pytestmark = pytest.mark.e2e

del test_two_desks_on_one_book_see_each_others_calls  # noqa: F821  (its server twin: test_desks_tmux_pg.py)
