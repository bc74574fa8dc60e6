"""joinus init: a new municipality starts from documents to fill in, with their schemas."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from joinus_method.cli.main import main


def test_a_new_municipality(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The folder holds a program, the curricula, the framework and the schemas every
    `#:schema` line names; check asks only for the placeholders, and passes once they
    are filled in."""
    folder = tmp_path / "leiden"
    assert main(["init", str(folder)]) == 0
    names = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert names == [
        "groepsavonden.toml",
        "program.toml",
        "schemas/closures.schema.json",
        "schemas/curriculum.schema.json",
        "schemas/framework.schema.json",
        "schemas/program.schema.json",
        "schemas/school-holidays.schema.json",
        "webinar-bewustwording.toml",
        "werkerstraining.toml",
        "zelfredzaamheid.toml",
    ]
    for toml in folder.glob("*.toml"):
        first = toml.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("#:schema "), toml
        schema = folder / first.removeprefix("#:schema ")
        assert json.loads(schema.read_text(encoding="utf-8"))["title"]
    capsys.readouterr()
    tomls = sorted(str(p) for p in folder.glob("*.toml"))
    assert main(["check", *tomls]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err
    assert all(
        re.search(r"program\.toml:\d+:\d+: error: still to fill in: '(vul-in|VUL IN)", e)
        for e in err
    )
    program = folder / "program.toml"
    text = program.read_text(encoding="utf-8")
    body = text.split("format =", 1)[1]
    assert "Noordwijk" not in body
    assert "Katwijk" not in body
    program.write_text(
        text.replace("vul-in-", "echt-").replace("VUL IN: ", "Echt: "), encoding="utf-8"
    )
    assert main(["check", *tomls]) == 0, capsys.readouterr().err


def test_only_into_an_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder that holds anything is left alone."""
    (tmp_path / "notities.txt").write_text("van mij", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 1
    assert "is not an empty folder: nothing was written" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["notities.txt"]
