"""The documents shipped inside the package."""

from __future__ import annotations

from pathlib import Path

import pytest

from joinus_method import Curriculum, DocumentKind, Program, ProgressFramework, UnknownId
from joinus_method.documents.bundled import bundled_documents, find_bundled, load_bundled
from joinus_method.documents.references import check_texts
from tests.paths import REPO


def test_bundled_documents_are_listed_by_kind() -> None:
    """Three curricula, one framework and the Noordwijk 2021 program are shipped."""
    by_kind = {(d.kind, d.id) for d in bundled_documents()}
    assert by_kind == {
        (DocumentKind.CURRICULUM, "werkerstraining"),
        (DocumentKind.CURRICULUM, "groepsavonden"),
        (DocumentKind.CURRICULUM, "webinar-bewustwording"),
        (DocumentKind.FRAMEWORK, "zelfredzaamheid"),
        (DocumentKind.PROGRAM, "noordwijk-katwijk-2021"),
    }


def test_bundled_documents_come_from_the_installed_package() -> None:
    """They are package data inside the imported package, whether it is installed from a
    wheel or in editable mode, never files looked up through the repository."""
    import joinus_method

    package = Path(joinus_method.__file__).parent
    for doc in bundled_documents():
        location = Path(str(doc.resource))
        assert location.is_relative_to(package), location
        assert location.is_file(), location


def test_bundled_files_match_the_repository() -> None:
    """What is installed is what a coach finds in curricula/ and examples/ to copy."""
    for doc in bundled_documents():
        assert doc.text() == (REPO / doc.name).read_text(encoding="utf-8")


def test_load_by_name_or_id() -> None:
    """A bundled document loads by its path in the package or by its id."""
    assert isinstance(load_bundled("curricula/groepsavonden.toml"), Curriculum)
    assert isinstance(load_bundled("zelfredzaamheid"), ProgressFramework)
    assert isinstance(find_bundled(DocumentKind.PROGRAM, "noordwijk-katwijk-2021").load(), Program)
    with pytest.raises(UnknownId):
        load_bundled("nope")
    with pytest.raises(UnknownId):
        find_bundled(DocumentKind.FRAMEWORK, "groepsavonden")


def test_bundled_documents_check_together() -> None:
    """All bundled documents pass every check, references between them included."""
    results = check_texts([(d.name, d.text()) for d in bundled_documents()])
    assert [str(p) for r in results for p in r.problems] == []


def test_bundled_texts_are_dutch_and_complete() -> None:
    """The bundled documents are written in Dutch and hold no placeholders."""
    for doc in bundled_documents():
        text = doc.text().lower()
        for marker in ("todo", "lorem", "xxx", "tbd", "placeholder"):
            assert marker not in text, (doc.name, marker)
        assert sum(text.count(w) for w in (" de ", " het ", " een ", " en ")) > 10, doc.name
