"""One store of realized sets for the conjecture tests (each count is computed once)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def cache(tmp_path_factory):
    return str(tmp_path_factory.mktemp("conjecture-cache"))
