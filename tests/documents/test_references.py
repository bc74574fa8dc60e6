"""Ids one document uses of another are checked with the line of the reference."""

from __future__ import annotations

from pathlib import Path

from joinus_method import dumps
from joinus_method.documents.bundled import bundled_documents
from joinus_method.documents.references import check_files, check_texts

PROGRAM = next(d for d in bundled_documents() if d.kind.value == "program").text()


def test_program_names_unknown_curricula() -> None:
    """A program naming a curriculum or framework nobody has is reported on that line."""
    text = PROGRAM.replace('groups = "groepsavonden"', 'groups = "avonden"')
    (result,) = check_texts([("p.toml", text)])
    (problem,) = result.problems
    assert problem.message == "unknown curriculum 'avonden'"
    assert text.splitlines()[problem.line - 1].startswith("groups = ")


def test_program_curricula_must_fit_their_place() -> None:
    """The training is for workers: naming the group evenings there is an error."""
    text = PROGRAM.replace('training = "werkerstraining"', 'training = "groepsavonden"')
    (result,) = check_texts([("p.toml", text)])
    assert [p.message for p in result.problems] == [
        "curriculum 'groepsavonden' is for youths, not for workers"
    ]


def test_documents_given_together_are_found(tmp_path: Path) -> None:
    """A curriculum and the framework it names, given together, check against each other."""
    from joinus_method.documents.bundled import load_bundled

    curriculum = load_bundled("groepsavonden")
    framework = load_bundled("zelfredzaamheid")
    import attrs

    own_framework = attrs.evolve(framework, id="eigen-kader")
    own_curriculum = attrs.evolve(curriculum, id="eigen-avonden", framework="eigen-kader")
    (tmp_path / "c.toml").write_text(dumps(own_curriculum), encoding="utf-8")
    (tmp_path / "f.toml").write_text(dumps(own_framework), encoding="utf-8")
    results = check_files([tmp_path / "c.toml", tmp_path / "f.toml"])
    assert all(r.ok for r in results)
    (alone,) = check_files([tmp_path / "c.toml"])
    assert [p.message for p in alone.problems] == ["unknown progress framework 'eigen-kader'"]
