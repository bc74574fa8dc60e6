"""The bundled seed documents, loaded once and typed, for the tests that plan with them."""

from __future__ import annotations

from joinus_method import Curriculum, Program, ProgressFramework
from joinus_method.documents.bundled import find_bundled
from joinus_method.documents.files import DocumentKind


def _curriculum(doc_id: str) -> Curriculum:
    doc = find_bundled(DocumentKind.CURRICULUM, doc_id).load()
    assert isinstance(doc, Curriculum)
    return doc


_program = find_bundled(DocumentKind.PROGRAM, "noordwijk-katwijk-2021").load()
assert isinstance(_program, Program)
_framework = find_bundled(DocumentKind.FRAMEWORK, "zelfredzaamheid").load()
assert isinstance(_framework, ProgressFramework)

NOORDWIJK: Program = _program
FRAMEWORK: ProgressFramework = _framework
EVENINGS = _curriculum("groepsavonden")
TRAINING = _curriculum("werkerstraining")
WEBINAR = _curriculum("webinar-bewustwording")
CURRICULA = {c.id: c for c in (EVENINGS, TRAINING, WEBINAR)}
