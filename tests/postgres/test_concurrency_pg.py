"""The two-writer tests of tests/reliability/test_concurrency.py on a book on the PostgreSQL
server: a desk writing while an import runs in another process, and two imports of one file at once."""
from tests.reliability.test_concurrency import *  # noqa: F403
