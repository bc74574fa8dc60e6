"""The calendar of a program file: the shipped school holidays, and the files it names."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from joinus_method.errors import DocumentError, Problem

if TYPE_CHECKING:
    from joinus_method.documents.references import CheckedFile
    from joinus_method.model.program import Program
    from joinus_method.planning.closures import ClosureCalendar

__all__ = ["program_calendar"]


def program_calendar(
    program: Program, checked: CheckedFile, until: dt.date | None = None
) -> tuple[ClosureCalendar | None, list[Problem]]:
    """The calendar of *program*, checked as *checked*, with the school-holiday file and
    closure lists it names (found beside the program file); or the problems met, each
    placed in its file."""
    from joinus_method.documents.references import calendar_files, locate
    from joinus_method.planning.closures import ClosureCalendar, PlanningError

    problems: list[Problem] = []
    try:
        files = calendar_files(program, Path(checked.source).parent)
    except DocumentError as exc:
        problems = list(exc.problems)
    else:
        try:
            calendar = ClosureCalendar.for_program(
                program,
                until=until,
                own_school_holidays=files.school_holidays,
                closure_lists=files.closure_lists,
            )
        except PlanningError as exc:
            problems = [Problem(exc.message, ("school_holidays_file",))]
        else:
            return calendar, []
    unplaced = [p for p in problems if p.file is None]
    placed = [p for p in problems if p.file is not None]
    if unplaced and checked.text is not None:
        placed = locate(unplaced, checked.source, checked.text) + placed
    return None, placed
