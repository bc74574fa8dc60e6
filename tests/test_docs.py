"""The documents in docs/: their examples run, and the reference keeps up with the schemas."""

from __future__ import annotations

import concurrent.futures
import json
import os
import re
import shlex
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from joinus_method.documents.references import check_texts
from joinus_method.model.curriculum import Curriculum
from tests.paths import BROKEN, REPO

DOCS = REPO / "docs"
SCHEMAS = {path.name: path for path in sorted((REPO / "schemas").glob("*.schema.json"))}
JOINUS = Path(sys.executable).parent / "joinus"


def read(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def blocks(text: str, language: str) -> list[str]:
    """The bodies of the fenced blocks of *language* in *text* (also indented ones)."""
    return re.findall(rf"^ *```{language}\n(.*?)^ *```", text, re.S | re.M)


def schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMAS[name].read_text(encoding="utf-8"))
    return loaded


def resolved(part: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """*part* of the schema *root*, its ``$ref`` followed."""
    if "$ref" in part:
        found: dict[str, Any] = root["definitions"][part["$ref"].rsplit("/", 1)[-1]]
        return found
    return part


def property_names(part: dict[str, Any], root: dict[str, Any]) -> Iterator[str]:
    """Every property name in *part*: its own, those of nested objects and of array items."""
    part = resolved(part, root)
    for name, inner in part.get("properties", {}).items():
        yield name
        yield from property_names(inner, root)
    if part.get("type") == "array" and isinstance(part.get("items"), dict):
        yield from property_names(part["items"], root)


def unknown_keys(data: object, part: dict[str, Any], root: dict[str, Any], at: str) -> list[str]:
    """The keys of the parsed TOML *data* that *part* of the schema does not have."""
    part = resolved(part, root)
    if isinstance(data, list):
        items = part.get("items", {})
        return [k for n, v in enumerate(data) for k in unknown_keys(v, items, root, f"{at}[{n}]")]
    if not isinstance(data, dict):
        return []
    known = part.get("properties", {})
    found = []
    for key, value in data.items():
        if key in known:
            found += unknown_keys(value, known[key], root, f"{at}.{key}")
        else:
            found.append(f"{at}.{key}")
    return found


# -- the developer guide -----------------------------------------------------------------

GUIDE_BLOCKS = blocks(read("developer-guide.md"), "python")


def english() -> dict[str, str]:
    """The environment under an English locale, as the suite's own fixture sets it."""
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    return {**env, "LANG": "C.UTF-8"}


def run_block(code: str, folder: Path) -> tuple[int, str, str]:
    """Run the Python *code* in *folder*: its exit status, output and errors."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=folder,
        env=english(),
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


@pytest.fixture(scope="module")
def guide_runs(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[int, str, str]]:
    """Each Python block of the developer guide run on its own, in an empty folder of its
    own, as many at once as there are processors."""
    folders = [tmp_path_factory.mktemp(f"block-{n}") for n in range(len(GUIDE_BLOCKS))]
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return list(pool.map(run_block, GUIDE_BLOCKS, folders))


def test_the_developer_guide_has_examples() -> None:
    assert len(GUIDE_BLOCKS) >= 8


@pytest.mark.parametrize("number", range(len(GUIDE_BLOCKS)), ids=lambda n: f"block-{n}")
def test_developer_guide_examples_run(number: int, guide_runs: list[tuple[int, str, str]]) -> None:
    """Each Python block runs on its own and prints, line by line, what the comments of its
    print() calls say."""
    status, out, err = guide_runs[number]
    assert status == 0, err
    said = [
        line.split("  # ", 1)[1]
        for line in GUIDE_BLOCKS[number].splitlines()
        if line.strip().startswith("print(") and "  # " in line
    ]
    assert said
    assert out.splitlines() == said


# -- the reference -----------------------------------------------------------------------


def reference_sections() -> dict[str, str]:
    """The sections of docs/reference.md, by the `format` of the document kind they are
    about (the one their heading names)."""
    found = {}
    for section in re.split(r"^(?=## )", read("reference.md"), flags=re.M):
        heading = section.split("\n", 1)[0]
        named = re.search(r"`(joinus\.[a-z-]+\.v\d+)`", heading)
        if heading.startswith("## ") and named:
            found[named[1]] = section
    return found


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_the_reference_names_every_key_of_the_schema(name: str) -> None:
    """The section of a document kind names every property of its schema, nested tables
    and the tables of arrays included, and no key the schema does not have."""
    root = schema(name)
    section = reference_sections()[root["properties"]["format"]["const"]]
    wanted = set(property_names(root, root))
    named = set(re.findall(r"`([a-z_]+)`", section))
    assert wanted - named == set()
    listed = set(re.findall(r"^\| `([a-z_]+)` \|", section, re.M))
    assert listed - wanted == set()


def test_the_reference_has_a_section_for_every_kind() -> None:
    kinds = {schema(name)["properties"]["format"]["const"] for name in SCHEMAS}
    assert set(reference_sections()) == kinds


# -- the coach's guide ---------------------------------------------------------------------

COACH = read("coach-guide.nl.md")
CURRICULUM = schema("curriculum.schema.json")


def example() -> str:
    """The complete example of the coach's guide, between its markers."""
    marked = re.search(r"<!-- example:start -->\n(.*?)<!-- example:end -->", COACH, re.S)
    assert marked is not None
    (body,) = blocks(marked[1], "toml")
    return body


def test_the_coach_guide_starts_with_an_english_summary() -> None:
    sections = re.findall(r"^## ([^\n]*)\n(.*?)(?=^## |\Z)", COACH, re.M | re.S)
    heading, text = sections[0]
    assert heading == "Summary in English"
    assert 5 <= len(re.findall(r"[.!?](?:\s|$)", text)) <= 8


def test_every_key_of_the_coach_guide_is_a_curriculum_key() -> None:
    """The example, and every TOML snippet of the guide, use only keys of the schema."""
    snippets = blocks(COACH, "toml")
    assert example() in snippets
    for snippet in snippets:
        data = tomllib.loads(snippet)
        assert unknown_keys(data, CURRICULUM, CURRICULUM, "$") == [], snippet


def test_the_coach_guide_example_passes_the_check() -> None:
    (checked,) = check_texts([("kennismaken.toml", example())])
    assert [str(p) for p in checked.problems] == []
    assert isinstance(checked.document, Curriculum)


def session(text: str, start: str) -> tuple[list[str], list[str]]:
    """The command (its words) and the output of the one text block that starts with
    *start*."""
    (found,) = [b for b in blocks(text, "text") if b.startswith(start)]
    command, *output = found.splitlines()
    return shlex.split(command.removeprefix("$ ")), output


def test_the_coach_guide_shows_what_joinus_show_prints(tmp_path: Path) -> None:
    argv, expected = session(COACH, "$ joinus --lang nl show ")
    (tmp_path / argv[-1]).write_text(example(), encoding="utf-8")
    done = subprocess.run(
        [str(JOINUS), *argv[1:]], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == expected


def test_the_coach_guide_shows_what_joinus_check_prints() -> None:
    argv, expected = session(COACH, "$ joinus --lang nl check ")
    done = subprocess.run(
        [str(JOINUS), *argv[1:]], cwd=BROKEN, capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    assert (done.stderr + done.stdout).splitlines() == expected
