"""Copies of a book through SQLite's backup API: consistent even while others write."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path


def backup_to(database, dest: Path) -> Path:
    """Copy the open book `database` to `dest` (mode 0600) and return the path."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(dest, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.close(fd)
    target = sqlite3.connect(dest)
    try:
        database.connection().backup(target)
    finally:
        target.close()
    return dest
