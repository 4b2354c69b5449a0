"""Small disks of their own for the tests: a tmpfs mounted in a test's folder, filled to the
last byte or made read-only, then unmounted.

Mounting needs root (or CAP_SYS_ADMIN); elsewhere the tests that need it are skipped,
with the reason.
"""
from __future__ import annotations

import contextlib
import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True)


@contextlib.contextmanager
def small_disk(folder: Path, megabytes: int = 8) -> Iterator[Path]:
    """A tmpfs of `megabytes` mounted at `folder` while the block runs."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = _run("mount", "-t", "tmpfs", "-o", f"size={megabytes}m,mode=0755", "tmpfs", str(folder))
    if mounted.returncode:
        pytest.skip(f"a tmpfs cannot be mounted here (needs root): {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        _run("umount", "-l", str(folder))


def fill(folder: Path) -> Path:
    """Write a filler file until the disk under `folder` has no byte left; the filler's path."""
    filler = folder / "filler"
    block = b"\0" * 65536
    with open(filler, "wb", buffering=0) as out:
        for size in (65536, 4096, 512, 1):
            try:
                while True:
                    out.write(block[:size])
            except OSError as error:
                assert error.errno == errno.ENOSPC
    return filler


def make_read_only(folder: Path) -> None:
    remounted = _run("mount", "-o", "remount,ro", str(folder))
    assert remounted.returncode == 0, remounted.stderr


def as_other_user() -> list[str]:
    """The command prefix that runs a program as `nobody`; the test is skipped where the
    machine does not allow it (not root, no setpriv)."""
    if os.geteuid() != 0:
        pytest.skip("running as a second user needs root here")
    prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    if _run(*prefix, "true").returncode:
        pytest.skip("setpriv cannot switch to the user nobody here")
    return prefix
