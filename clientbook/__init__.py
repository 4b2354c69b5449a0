"""clientbook: a terminal client book for small service studios."""

__version__ = "0.1.0"
