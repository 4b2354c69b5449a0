"""Use cases: the only callers of db/ from above. They return plain dataclasses."""
