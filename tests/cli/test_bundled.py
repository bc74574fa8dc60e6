"""joinus bundled: the documents shipped with the package."""

from __future__ import annotations

import pytest

from joinus_method.cli.main import main


def test_bundled_listing(capsys: pytest.CaptureFixture[str]) -> None:
    """`joinus bundled` lists each shipped document with its kind and id."""
    assert main(["bundled"]) == 0
    out = capsys.readouterr().out
    assert "groepsavonden" in out
    assert "noordwijk-katwijk-2021" in out
