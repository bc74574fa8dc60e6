"""The documents a new municipality starts from: the bundled program with its people, places
and ids turned into placeholders, and copies of the bundled curricula and framework.

A placeholder is an id that starts with ``vul-in`` or a text that starts with ``VUL IN``
(see :mod:`joinus_method.documents.placeholders`).
"""

from __future__ import annotations

import re

from joinus_method.model.program import Program

from .bundled import bundled_documents, find_bundled
from .files import DocumentKind
from .placeholders import PLACEHOLDER_ID, PLACEHOLDER_TEXT

__all__ = ["starter_files"]

STARTER_PROGRAM = "noordwijk-katwijk-2021"
# The programme's own foundation is the same for every municipality.
_KEPT = {"stichting-join-us", "Stichting Join Us"}

_HEADER = """\
#:schema schemas/program.schema.json
# Het programma van jouw gemeente, gemaakt met `joinus init` uit het voorbeeld van Noordwijk.
# Vul alles in wat met "VUL IN" of "vul-in" begint en zet de data (start_date, date) op die
# van jou. `joinus check *.toml` in deze map zegt wat er nog ontbreekt.
"""


def starter_files() -> dict[str, str]:
    """File name → text of the documents a new municipality starts from, with the
    ``#:schema`` line of each pointing into a ``schemas`` folder beside them."""
    files = {"program.toml": _starter_program()}
    for doc in bundled_documents():
        if doc.kind in (DocumentKind.CURRICULUM, DocumentKind.FRAMEWORK):
            text = re.sub(r"^#:schema .*/schemas/", "#:schema schemas/", doc.text(), count=1)
            files[doc.name.rsplit("/", 1)[-1]] = text
    return files


_KINDS = {
    "municipalities": "gemeente",
    "organisations": "organisatie",
    "coaches": "coach",
    "workers": "jongerenwerker",
    "venues": "locatie",
    "groups": "groep",
    "trainings": "training",
    "events": "evenement",
}
"""The program's lists of tables, by the word a placeholder uses for one of their items."""
_TEXT_KEY = re.compile(r'^(name|address|registration|title) = "(.*)"$')


def _starter_program() -> str:
    bundled = find_bundled(DocumentKind.PROGRAM, STARTER_PROGRAM)
    program = bundled.load()
    assert isinstance(program, Program)
    text = bundled.text()
    text = text.split("\n", 1)[1] if text.startswith("#:schema") else text
    text = _texts_as_placeholders(text)
    ids: dict[str, str] = {program.id: f"{PLACEHOLDER_ID}-programma"}
    for table, kind in _KINDS.items():
        for n, item in enumerate(getattr(program, table), 1):
            ids.setdefault(item.id, f"{PLACEHOLDER_ID}-{kind}-{n}")
    for old, new in sorted(ids.items(), key=lambda kv: -len(kv[0])):
        if old not in _KEPT:
            text = text.replace(f'"{old}"', f'"{new}"')
    text = re.sub(
        r'^description = """.*?"""',
        f'description = "{PLACEHOLDER_TEXT}: wat het programma is en wie er samenwerken"',
        text,
        count=1,
        flags=re.S | re.M,
    )
    text = re.sub(r"^fictional_names = true\n", "", text, count=1, flags=re.M)
    # Comments about the example's own places go with them.
    places = [m.name for m in program.municipalities] + [v.name for v in program.venues]
    kept = [
        line
        for line in text.splitlines(keepends=True)
        if not (line.startswith("#") and any(place in line for place in places))
    ]
    return _HEADER + "".join(kept)


def _texts_as_placeholders(text: str) -> str:
    """*text* with each name, address, registration and the program's title replaced by a
    placeholder that says what to fill in, by the table the key stands in (the same
    text in two places gets two placeholders)."""
    table: str | None = None
    counts: dict[str, int] = {}
    lines = []
    for line in text.splitlines(keepends=True):
        if line.startswith("["):
            table = line.strip().strip("[]")
            counts[table] = counts.get(table, 0) + 1
        found = _TEXT_KEY.match(line.rstrip("\n"))
        if found is not None and found.group(2) not in _KEPT:
            key, kind = found.group(1), _KINDS.get(table or "")
            n = counts.get(table or "", 0)
            new = None
            if table is None and key == "title":
                new = "naam van het programma"
            elif kind is not None and key == "name":
                new = f"naam van {kind} {n}"
            elif kind is not None and key == "address":
                new = f"adres van {kind} {n}"
            elif key == "registration":
                new = "hoe meld je je aan?"
            if new is not None:
                line = f'{key} = "{PLACEHOLDER_TEXT}: {new}"\n'
        lines.append(line)
    return "".join(lines)
