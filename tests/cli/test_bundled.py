"""joinus bundled: the documents shipped with the package, where a coach finds them."""

from __future__ import annotations

from pathlib import Path

import pytest

from joinus_method.cli.main import main
from joinus_method.documents.bundled import bundled_documents


def test_bundled_listing(capsys: pytest.CaptureFixture[str]) -> None:
    """`joinus bundled` lists each shipped document with its kind, id and a file that can
    be opened, holding the document's text."""
    assert main(["bundled"]) == 0
    lines = capsys.readouterr().out.splitlines()
    docs = bundled_documents()
    assert len(lines) == len(docs)
    for line, doc in zip(lines, docs, strict=True):
        kind, doc_id, path = line.split()
        assert (kind, doc_id) == (doc.kind.value, doc.id)
        assert Path(path).is_absolute()
        assert Path(path).read_text(encoding="utf-8") == doc.text()
