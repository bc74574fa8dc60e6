"""The bundled seed documents, loaded once and typed, for the tests that plan with them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import attrs

from joinus_method import Curriculum, Program, ProgressFramework, YouthWorker
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

# The day the seed program's training ends: its workers are trained from then on.
TRAINED_ON = dt.date(2021, 4, 29)


def trained_elsewhere(worker: YouthWorker, on: dt.date = TRAINED_ON) -> YouthWorker:
    """*worker*, trained outside the program's trainings by the seed coach, *on* that day."""
    return attrs.evolve(worker, trained_by=NOORDWIJK.coaches[0].id, trained_on=on)


def without_trainings(program: Program, on: Mapping[str, dt.date] | None = None) -> Program:
    """*program* with no trainings, each worker trained elsewhere on *on*'s day for them,
    or on the day the seed training ends."""
    days = on or {}
    workers = tuple(trained_elsewhere(w, days.get(w.id, TRAINED_ON)) for w in program.workers)
    return attrs.evolve(program, workers=workers, trainings=())
