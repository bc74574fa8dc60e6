"""The store's tests run on both databases: ``address`` is a new, empty store of each."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.backends import BACKENDS, fresh_address


@pytest.fixture(params=BACKENDS)
def address(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with fresh_address(request.param, tmp_path) as made:
        yield made
