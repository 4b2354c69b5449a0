"""A desk that dies mid-write on a server's book: tests/reliability/test_crash.py's child
processes, writing visits and importing, killed with SIGKILL at random moments; the server
rolls back what they had not committed, and the book holds exactly what was."""
from tests.reliability.test_crash import *  # noqa: F403
