"""Every message has its Dutch translation, and the shipped catalogue is the one in po/."""

from __future__ import annotations

import ast
import gettext
import pickle
import re
import sys
from pathlib import Path

import pytest

from joinus_method.errors import Problem
from joinus_method.messages import (
    LOCALE_DIR,
    Message,
    language_from_environment,
    msg,
    msg_n,
    translator,
)
from tests.paths import REPO

sys.path.insert(0, str(REPO))
from tools import messages as tool

MARKERS = {"msg", "msg_n", "_", "n_"}
# The functions that pass a template on to msg(), rather than write one.
PASSING_ON = {
    ("src/joinus_method/cli/_language.py", "_"),
    ("src/joinus_method/cli/_language.py", "n_"),
}


def _placeholders(text: str) -> list[str]:
    """The names of the values *text* takes, by str.format or by %-formatting."""
    braces = re.findall(r"(?<!\{)\{([A-Za-z_][A-Za-z_0-9]*)[^{}]*\}", text)
    percents = re.findall(r"%(\([a-z_]+\))?[-#0 +]*\d*(?:\.\d+)?[srdifg]", text)
    return sorted(braces) + sorted(percents)


@pytest.fixture(scope="module")
def extracted() -> tuple[dict[str, object], list[str]]:
    warnings: list[str] = []
    catalog = tool.extracted(warnings)
    return {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog if m.id}, warnings


@pytest.fixture(scope="module")
def dutch() -> dict[str, object]:
    return {m.id if isinstance(m.id, str) else m.id[0]: m for m in tool.read("nl") if m.id}


def test_every_template_can_be_read(extracted: tuple[dict[str, object], list[str]]) -> None:
    """No message is written as an f-string, which the catalogue could not hold."""
    assert extracted[1] == []


def test_every_message_is_marked_with_a_literal() -> None:
    """Each msg(), msg_n(), _() and n_() call is given its template as a literal string,
    outside any f-string, so that the template is in the catalogue."""
    wrong = []
    for path in tool.sources():
        where = path.relative_to(REPO).as_posix()
        if where.endswith("/messages.py"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        excused = {
            id(call)
            for function in ast.walk(tree)
            if isinstance(function, ast.FunctionDef) and (where, function.name) in PASSING_ON
            for call in ast.walk(function)
        }
        # Inside an f-string, a template is out of the catalogue's sight.
        hidden = {
            id(call)
            for text in ast.walk(tree)
            if isinstance(text, ast.JoinedStr)
            for call in ast.walk(text)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or id(node) in excused:
                continue
            called = node.func.id if isinstance(node.func, ast.Name) else None
            if called not in MARKERS:
                continue
            literals = node.args[:2] if called in ("msg_n", "n_") else node.args[:1]
            if (
                id(node) in hidden
                or not literals
                or not all(
                    isinstance(a, ast.Constant) and isinstance(a.value, str) for a in literals
                )
            ):
                wrong.append(f"{where}:{node.lineno}")
    assert sorted(set(wrong)) == []


def test_every_message_has_a_dutch_translation(
    extracted: tuple[dict[str, object], list[str]], dutch: dict[str, object]
) -> None:
    """Each message of the code and of argparse is in po/nl.po, translated and checked (not
    fuzzy), with the same placeholders; and po/nl.po holds no message that is gone."""
    found, _ = extracted
    missing = sorted(set(found) - set(dutch))
    assert missing == [], "run: python tools/messages.py update, then translate"
    untranslated = []
    for msgid, entry in dutch.items():
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if entry.fuzzy or not all(strings):
            untranslated.append(msgid)
            continue
        # The singular's form is for one, the plural's for the other counts.
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        for index, text in enumerate(strings):
            english = ids[min(index, len(ids) - 1)]
            assert _placeholders(text) == _placeholders(english), (msgid, text)
    assert untranslated == []
    assert sorted(set(dutch) - set(found)) == []


def test_the_shipped_catalogue_is_the_compiled_po() -> None:
    """The package's joinus.mo is po/nl.po compiled: run tools/messages.py compile."""
    assert tool.mo_path("nl").read_bytes() == tool.compiled(tool.read("nl"))
    # The package in use (installed or editable) holds the same catalogue.
    shipped = LOCALE_DIR / "nl" / "LC_MESSAGES" / "joinus.mo"
    assert shipped.read_bytes() == tool.mo_path("nl").read_bytes()
    with tool.mo_path("nl").open("rb") as file:
        assert gettext.GNUTranslations(file).gettext("error") == "fout"


def test_a_message_keeps_its_template_and_values() -> None:
    text = msg("unknown {what} {value!r}", what=msg("venue"), value="x-out")
    assert text == "unknown venue 'x-out'"
    assert isinstance(text, str)
    assert text.id == "unknown {what} {value!r}"
    assert text.params["value"] == "x-out"
    assert pickle.loads(pickle.dumps(text)).params == text.params


def test_translation_reaches_the_values_that_are_messages() -> None:
    text = msg("unknown {what} {value!r}{hint}", what=msg("venue"), value="x-out", hint="")
    assert text == "unknown venue 'x-out'"
    assert translator("nl")(text) == "locatie 'x-out' bestaat niet"
    assert translator("en")(text) == text
    # A name is put in as it is, even when it reads like a message; so is a plain string.
    named = msg("unknown {what} {value!r}{hint}", what="venue", value="error", hint="")
    assert translator("nl")(named) == "venue 'error' bestaat niet"
    assert translator("nl")("error") == "error"


@pytest.mark.parametrize(
    ("count", "english", "dutch"), [(1, "1 error", "1 fout"), (3, "3 errors", "3 fouten")]
)
def test_a_count_chooses_the_form(count: int, english: str, dutch: str) -> None:
    text = msg_n(", {count} error", ", {count} errors", count)
    assert text == ", " + english
    assert translator("nl")(text) == ", " + dutch


def test_a_problem_is_written_in_either_language() -> None:
    problem = Problem(
        msg("must be at least {low}, not {value}", low=1, value=0),
        ("capacity",),
        file="p.toml",
        line=3,
        column=1,
    )
    assert str(problem) == "p.toml:3:1: error: must be at least 1, not 0 [at $.capacity]"
    assert problem.message_id == "must be at least {low}, not {value}"
    assert problem.describe(translator("nl")) == (
        "p.toml:3:1: fout: moet minstens 1 zijn, niet 0 [bij $.capacity]"
    )


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="no translation into 'de'"):
        translator("de")


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({"LANG": "nl_NL.UTF-8"}, "nl"),
        ({"LANG": "nl_BE"}, "nl"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "en_GB.UTF-8", "LC_ALL": "nl_NL.UTF-8"}, "nl"),
        ({"LANG": "nl_NL.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
        ({"LANG": "nl_NL.UTF-8", "LANGUAGE": "en"}, "en"),
        ({"LANG": "en_US.UTF-8", "LANGUAGE": "fr:nl"}, "nl"),
        ({"LANG": "C", "LANGUAGE": "nl"}, "en"),
        ({}, "en"),
    ],
)
def test_the_language_follows_the_locale(environ: dict[str, str], language: str) -> None:
    assert language_from_environment(environ) == language


def test_messages_are_english_strings_for_developers() -> None:
    """The library's errors stay English, and carry the id of their message."""
    from joinus_method import load_program
    from joinus_method.errors import DocumentError

    with pytest.raises(DocumentError) as caught:
        load_program(Path("missing.toml"))
    (problem,) = caught.value.problems
    assert "cannot read" in str(caught.value)
    assert isinstance(problem.message, Message)
    assert problem.message_id != str(problem.message)
    assert translator("nl")(problem.message) != str(problem.message)
