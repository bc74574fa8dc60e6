"""joinus schema: the JSON Schemas printed or written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from joinus_method import DocumentKind
from joinus_method.cli.main import main
from joinus_method.documents.schema import SCHEMA_FILES, schema_text


def test_schema_command_writes_the_same_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`joinus schema --out DIR` writes the shipped schemas; `joinus schema KIND` prints one."""
    assert main(["schema", "--out", str(tmp_path)]) == 0
    for kind in DocumentKind:
        assert (tmp_path / SCHEMA_FILES[kind]).read_text(encoding="utf-8") == schema_text(kind)
    capsys.readouterr()
    assert main(["schema", "program"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "joinus_method program document"
