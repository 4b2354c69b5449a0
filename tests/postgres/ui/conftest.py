"""The screens' shared books and settings (tests/ui/conftest.py), for their tests run on a
book on the server; `book_path` and `new_book_path` come from tests/postgres/conftest.py."""
from tests.ui.conftest import *  # noqa: F403
