"""Every screen test starts and ends in English: the language is process-wide."""
from __future__ import annotations

import pytest

from clientbook import i18n


@pytest.fixture(autouse=True)
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("en")
