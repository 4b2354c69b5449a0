"""Issue 21's "done when": two clientbook windows in tmux on one book on the PostgreSQL
server, as a studio's two desks. One records an outcome; the other's call list drops that
client with no key pressed there (LISTEN/NOTIFY), and marks the client the first desk has
open (the holds on the server)."""
from __future__ import annotations

import os
import shutil

import pytest

from tests.e2e.test_tmux import TODAY, clientbook, two_desks_see_each_others_calls

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo_server_book(pg_url):
    if shutil.which("tmux") is None:
        if os.environ.get("CI"):
            pytest.fail("CI must run the two desks in tmux, but tmux is not installed; .ci/run installs it")
        pytest.skip("tmux is not installed")
    clientbook("demo", "--db", pg_url, "--clients", "60", "--seed", "2", "--today", TODAY)
    return pg_url


def test_two_desks_on_one_server_book_see_each_others_calls(demo_server_book):
    seen = two_desks_see_each_others_calls(demo_server_book)
    print(f"the outcome left the other desk's call list {seen:.2f} s after it showed recorded")
