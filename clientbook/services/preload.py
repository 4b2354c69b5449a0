"""What a window loads beside its first screen, so that no key later waits for it.

Each is loaded on first use otherwise, which is right for a command that may never need
it, but in a window it fell on a person's key: the first visit written or call recorded
rescored her with numpy and scipy (a third of a second), the first brief read her gender
from pymorphy's dictionary (60 ms).
"""
from __future__ import annotations


def preload() -> None:
    import clientbook.domain.return_model  # noqa: F401
    from clientbook.domain.russian import gender

    gender("Анна")  # read from the dictionary: no patronymic tells it
