"""The documents shipped inside the package."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import tomli

from joinus_method import Curriculum, DocumentKind, Program, ProgressFramework, UnknownId
from joinus_method.documents.bundled import (
    BundledDocument,
    _top_keys,
    bundled_documents,
    find_bundled,
    load_bundled,
)
from joinus_method.documents.references import check_texts
from joinus_method.errors import DocumentError
from tests.environments import ascii_locale
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


def test_the_list_reads_each_document_s_kind_and_id_as_the_whole_text_gives_them() -> None:
    """The list reads only the keys before the first table: the same kind and id as the
    whole document's."""
    for doc in bundled_documents():
        whole = tomli.loads(doc.text())
        assert (doc.kind.format_name, doc.id) == (whole["format"], whole["id"])


@pytest.mark.parametrize(
    "text",
    [
        'format = "joinus.program.v1"\nid = "p"\n[t]\nid = "q"\n',
        'format = "joinus.program.v1"\nids = [\n["a"],\n]\nid = "p"\n[t]\nid = "q"\n',
        'format = "joinus.program.v1"\nnote = """\n[niet een tabel]\n"""\nid = "p"\n',
    ],
    ids=["table", "array-line-starting-with-a-bracket", "string-line-starting-with-a-bracket"],
)
def test_the_keys_before_the_first_table_are_read_whatever_the_lines_hold(text: str) -> None:
    """A line of a multi-line value that starts with [ is no table: the whole text is read."""
    top = _top_keys(text)
    assert (top["format"], top["id"]) == ("joinus.program.v1", "p")


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


SHIPPED = [
    "curricula/groepsavonden.toml",
    "curricula/webinar-bewustwording.toml",
    "curricula/werkerstraining.toml",
    "curricula/zelfredzaamheid.toml",
    "examples/noordwijk-2021/program.toml",
]
"""Every bundled document's name, folder by folder, in the order of their names."""


def test_bundled_documents_come_in_the_order_of_their_names() -> None:
    """The listing is stable: curricula/ then examples/, each by file name."""
    assert [d.name for d in bundled_documents()] == SHIPPED


def test_bundled_documents_are_found_in_a_zipped_package(tmp_path: Path) -> None:
    """Imported from a zip file, the package lists and reads the same documents in the
    same order, and plans the bundled program with its shipped school holidays."""
    import joinus_method

    package = Path(joinus_method.__file__).parent
    archive = tmp_path / "joinus_method.zip"
    with zipfile.ZipFile(archive, "w") as out:
        # Links are followed: an editable install reaches the documents through them.
        files = [Path(d, f) for d, _, names in os.walk(package, followlinks=True) for f in names]
        for file in sorted(files, reverse=True):
            if "__pycache__" not in file.parts:
                out.write(file, f"joinus_method/{file.relative_to(package).as_posix()}")
    expected = [[d.name, d.kind.value, d.id, d.text()] for d in bundled_documents()]
    script = (
        "import json, sys\n"
        "import joinus_method\n"
        "from joinus_method.cli.main import main\n"
        "from joinus_method.documents.bundled import bundled_documents\n"
        "assert '.zip' in joinus_method.__file__, joinus_method.__file__\n"
        "found = [[d.name, d.kind.value, d.id, d.text()] for d in bundled_documents()]\n"
        "kind = type(bundled_documents()[0].resource)\n"
        "print(json.dumps([kind.__module__, found]))\n"
        "sys.exit(main(['plan']))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(archive), "LANG": "C.UTF-8"}
    ran = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    assert ran.returncode == 0, ran.stderr
    first, *plan = ran.stdout.splitlines()
    resource, found = json.loads(first)
    assert resource.startswith("zipfile")  # read through importlib.resources
    assert [name for name, *_ in found] == SHIPPED
    assert found == expected
    assert "61 sessions planned" in " ".join(plan)


def test_bundled_texts_are_read_as_utf8_whatever_the_locale() -> None:
    """Under an ASCII locale, the bundled Dutch texts with accents are read and load."""

    script = (
        "from joinus_method.documents.bundled import bundled_documents\n"
        "for doc in bundled_documents():\n"
        "    print(doc.name, '\\u00e9\\u00e9n' in doc.text(), doc.load().id == doc.id)\n"
    )
    env = ascii_locale()
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.stderr == ""
    assert done.stdout.splitlines() == [
        f"{doc.name} {'één' in doc.text()} True" for doc in bundled_documents()
    ]
    assert "True True" in done.stdout


class TestUnknownBundledDocuments:
    """Asking for a bundled document nobody ships, or of another kind, raises UnknownId
    naming what was asked for."""

    def test_find_bundled_names_kind_and_id(self) -> None:
        """find_bundled says which kind of bundled document it looked for, and which id."""
        with pytest.raises(UnknownId) as caught:
            find_bundled(DocumentKind.FRAMEWORK, "groepsavonden")
        assert str(caught.value) == "no bundled framework with id 'groepsavonden'"
        assert (caught.value.kind, caught.value.wanted) == ("bundled framework", "groepsavonden")

    @pytest.mark.parametrize(
        ("name_or_id", "kind"),
        [("nope", None), ("groepsavonden", DocumentKind.FRAMEWORK)],
        ids=["unknown", "other-kind"],
    )
    def test_load_bundled_names_the_id(self, name_or_id: str, kind: DocumentKind | None) -> None:
        """load_bundled says it looked for a bundled document with that name or id."""
        with pytest.raises(UnknownId) as caught:
            load_bundled(name_or_id, kind)
        assert str(caught.value) == f"no bundled document with id {name_or_id!r}"
        assert caught.value.wanted == name_or_id

    @pytest.mark.parametrize(
        ("name_or_id", "kind", "cls"),
        [
            ("groepsavonden", DocumentKind.CURRICULUM, Curriculum),
            ("curricula/zelfredzaamheid.toml", DocumentKind.FRAMEWORK, ProgressFramework),
            ("noordwijk-katwijk-2021", DocumentKind.PROGRAM, Program),
        ],
    )
    def test_load_bundled_of_its_own_kind(
        self, name_or_id: str, kind: DocumentKind, cls: type[object]
    ) -> None:
        """Asked with its own kind, a bundled document loads."""
        assert isinstance(load_bundled(name_or_id, kind), cls)


def test_a_bundled_document_loads_only_as_its_kind() -> None:
    """Loading checks the document is of the listed kind, and the error names the file."""
    wrong = BundledDocument("curricula/groepsavonden.toml", DocumentKind.PROGRAM, "groepsavonden")
    with pytest.raises(DocumentError) as caught:
        wrong.load()
    (problem,) = caught.value.problems
    assert problem.message == "expected a program document, found a curriculum document"
    assert problem.file is not None
    assert problem.file.endswith("curricula/groepsavonden.toml")
    assert caught.value.source.endswith("curricula/groepsavonden.toml")
