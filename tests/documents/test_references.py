"""Ids one document uses of another are checked with the line of the reference."""

from __future__ import annotations

from pathlib import Path

import pytest

from joinus_method import dumps
from joinus_method.documents.bundled import bundled_documents
from joinus_method.documents.references import check_files, check_texts

PROGRAM = next(d for d in bundled_documents() if d.kind.value == "program").text()


def _line_of(text: str, fragment: str) -> int:
    assert text.count(fragment) == 1, fragment
    return text[: text.index(fragment)].count("\n") + 1


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('groups = "groepsavonden"', 'groups = "avonden"', "unknown curriculum 'avonden'"),
        (
            'framework = "zelfredzaamheid"',
            'framework = "kader"',
            "unknown progress framework 'kader'",
        ),
    ],
    ids=["curriculum", "framework"],
)
def test_program_names_unknown_curricula(old: str, new: str, message: str) -> None:
    """A program naming a curriculum or framework nobody has is reported on that line."""
    text = PROGRAM.replace(old, new)
    (result,) = check_texts([("p.toml", text)])
    (problem,) = result.problems
    assert problem.message == message
    assert problem.line == _line_of(text, new)


def test_program_curricula_must_fit_their_place() -> None:
    """The training is for workers: naming the group evenings there is an error."""
    text = PROGRAM.replace('training = "werkerstraining"', 'training = "groepsavonden"')
    (result,) = check_texts([("p.toml", text)])
    assert [p.message for p in result.problems] == [
        "curriculum 'groepsavonden' is for youths, not for workers"
    ]


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ('groups = "groepsavonden"', 'groups = "werkerstraining"', ("curricula", "groups")),
        (
            'venue = "x-out"\n',
            'venue = "x-out"\ncurriculum = "werkerstraining"\n',
            ("groups", 0, "curriculum"),
        ),
    ],
    ids=["program", "group"],
)
def test_groups_do_not_follow_the_worker_training(
    old: str, new: str, path: tuple[str | int, ...]
) -> None:
    """Naming the worker training as the curriculum of the group evenings is refused there."""
    text = PROGRAM.replace(old, new)
    (result,) = check_texts([("p.toml", text)])
    (problem,) = result.problems
    assert problem.message == "curriculum 'werkerstraining' is for workers, not for youths"
    assert problem.path == path
    assert problem.line == _line_of(text, f'{path[-1]} = "werkerstraining"')
    assert result.document is None


def test_an_event_names_a_curriculum_on_its_own_line() -> None:
    """An unknown curriculum of the second event is reported on that event's line."""
    event = """
[[events]]
id = "terugkomavond"
title = "Terugkomavond"
curriculum = "terugkomen"
date = 2021-09-20
start_time = 19:30:00
organisation = "welzijnskwartier"
online = true
"""
    (result,) = check_texts([("p.toml", PROGRAM + event)])
    (problem,) = result.problems
    assert problem.message == "unknown curriculum 'terugkomen'"
    assert problem.path == ("events", 1, "curriculum")
    assert problem.line == _line_of(PROGRAM + event, 'curriculum = "terugkomen"')


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
    assert [(r.ok, r.document) for r in results] == [(True, own_curriculum), (True, own_framework)]
    (alone,) = check_files([tmp_path / "c.toml"])
    assert [p.message for p in alone.problems] == ["unknown progress framework 'eigen-kader'"]
