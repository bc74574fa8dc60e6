"""joinus_method: run the Join Us programme against loneliness among young people.

The package models the chain coach → youth worker → group → youth, the TOML documents a
coach writes (curriculum, progress framework, program) and the rules they must keep.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    __version__: str
    from .documents.files import (
        Document,
        DocumentKind,
        dump,
        dumps,
        load,
        load_closures,
        load_curriculum,
        load_framework,
        load_program,
        load_school_holidays,
        loads,
    )
    from .documents.references import calendar_files, curricula_for
    from .errors import ChainError, DocumentError, InvalidValue, JoinUsError, Problem, UnknownId
    from .messages import Message, Translator, language_from_environment, msg, translator
    from .model.closure import Closure
    from .model.curriculum import (
        Audience,
        Curriculum,
        Goal,
        Leader,
        Phase,
        Pin,
        Segment,
        SegmentKind,
        Session,
    )
    from .model.framework import (
        AnswerOption,
        Domain,
        Instrument,
        InstrumentScore,
        Item,
        Keying,
        Level,
        ProgressFramework,
        ReadinessRule,
        ScoreBand,
        Subscale,
    )
    from .model.holidays import ClosureList, SchoolHoliday, SchoolHolidays
    from .model.people import (
        Coach,
        Municipality,
        Organisation,
        OrganisationKind,
        YouthWorker,
    )
    from .model.program import (
        AGE_12_TO_18,
        AGE_18_TO_25,
        MAX_GROUP_SIZE,
        AgeBand,
        CurriculumChoice,
        Event,
        Group,
        Program,
        SchoolRegion,
        Training,
        Venue,
        Weekday,
    )
    from .model.youths import Membership, PersonalData, Youth, new_pseudonym
    from .planning.closures import ClosureCalendar, OutsideCalendar
    from .planning.exports import to_csv, to_ics
    from .planning.milestones import (
        Joining,
        Milestone,
        MilestoneKind,
        group_milestones,
        youth_milestones,
    )
    from .planning.placement import (
        Application,
        Placement,
        place_in_groups,
        place_youths,
        too_small_to_start,
    )
    from .planning.schedule import (
        ClashMode,
        PlannedSession,
        PlanningError,
        ProgramPlan,
        SeriesPlan,
        SkippedSlot,
        Violation,
        default_until,
        plan_group,
        plan_program,
    )

# Public names are loaded from their modules on first use, so that `import joinus_method`
# stays fast; the modules themselves import heavy libraries only where they use them.
_EXPORTS: dict[str, str] = {
    "AGE_12_TO_18": "model.program",
    "AGE_18_TO_25": "model.program",
    "MAX_GROUP_SIZE": "model.program",
    "Message": "messages",
    "Translator": "messages",
    "language_from_environment": "messages",
    "msg": "messages",
    "translator": "messages",
    "AgeBand": "model.program",
    "AnswerOption": "model.framework",
    "Application": "planning.placement",
    "Audience": "model.curriculum",
    "ChainError": "errors",
    "ClashMode": "planning.schedule",
    "Closure": "model.closure",
    "ClosureList": "model.holidays",
    "ClosureCalendar": "planning.closures",
    "Coach": "model.people",
    "Curriculum": "model.curriculum",
    "CurriculumChoice": "model.program",
    "Document": "documents.files",
    "DocumentError": "errors",
    "DocumentKind": "documents.files",
    "Domain": "model.framework",
    "Event": "model.program",
    "Goal": "model.curriculum",
    "Group": "model.program",
    "Instrument": "model.framework",
    "InstrumentScore": "model.framework",
    "InvalidValue": "errors",
    "Item": "model.framework",
    "JoinUsError": "errors",
    "Keying": "model.framework",
    "Leader": "model.curriculum",
    "Level": "model.framework",
    "Membership": "model.youths",
    "Milestone": "planning.milestones",
    "MilestoneKind": "planning.milestones",
    "Joining": "planning.milestones",
    "group_milestones": "planning.milestones",
    "place_in_groups": "planning.placement",
    "too_small_to_start": "planning.placement",
    "Municipality": "model.people",
    "Organisation": "model.people",
    "OrganisationKind": "model.people",
    "OutsideCalendar": "planning.closures",
    "PersonalData": "model.youths",
    "Phase": "model.curriculum",
    "Pin": "model.curriculum",
    "Placement": "planning.placement",
    "PlannedSession": "planning.schedule",
    "PlanningError": "planning.schedule",
    "Problem": "errors",
    "Program": "model.program",
    "ProgramPlan": "planning.schedule",
    "ProgressFramework": "model.framework",
    "ReadinessRule": "model.framework",
    "SchoolHoliday": "model.holidays",
    "SchoolHolidays": "model.holidays",
    "SchoolRegion": "model.program",
    "ScoreBand": "model.framework",
    "Segment": "model.curriculum",
    "SegmentKind": "model.curriculum",
    "SeriesPlan": "planning.schedule",
    "Session": "model.curriculum",
    "SkippedSlot": "planning.schedule",
    "Subscale": "model.framework",
    "Training": "model.program",
    "UnknownId": "errors",
    "Venue": "model.program",
    "Violation": "planning.schedule",
    "Weekday": "model.program",
    "Youth": "model.youths",
    "YouthWorker": "model.people",
    "calendar_files": "documents.references",
    "curricula_for": "documents.references",
    "dump": "documents.files",
    "dumps": "documents.files",
    "load": "documents.files",
    "load_closures": "documents.files",
    "load_curriculum": "documents.files",
    "load_framework": "documents.files",
    "load_program": "documents.files",
    "load_school_holidays": "documents.files",
    "loads": "documents.files",
    "new_pseudonym": "model.youths",
    "place_youths": "planning.placement",
    "plan_group": "planning.schedule",
    "plan_program": "planning.schedule",
    "default_until": "planning.schedule",
    "to_csv": "planning.exports",
    "to_ics": "planning.exports",
    "youth_milestones": "planning.milestones",
}

__all__ = [
    "AGE_12_TO_18",
    "AGE_18_TO_25",
    "MAX_GROUP_SIZE",
    "AgeBand",
    "AnswerOption",
    "Application",
    "Audience",
    "ChainError",
    "ClashMode",
    "Closure",
    "ClosureCalendar",
    "ClosureList",
    "Coach",
    "Curriculum",
    "CurriculumChoice",
    "Document",
    "DocumentError",
    "DocumentKind",
    "Domain",
    "Event",
    "Goal",
    "Group",
    "Instrument",
    "InstrumentScore",
    "InvalidValue",
    "Item",
    "JoinUsError",
    "Joining",
    "Keying",
    "Leader",
    "Level",
    "Membership",
    "Message",
    "Milestone",
    "MilestoneKind",
    "Municipality",
    "Organisation",
    "OrganisationKind",
    "OutsideCalendar",
    "PersonalData",
    "Phase",
    "Pin",
    "Placement",
    "PlannedSession",
    "PlanningError",
    "Problem",
    "Program",
    "ProgramPlan",
    "ProgressFramework",
    "ReadinessRule",
    "SchoolHoliday",
    "SchoolHolidays",
    "SchoolRegion",
    "ScoreBand",
    "Segment",
    "SegmentKind",
    "SeriesPlan",
    "Session",
    "SkippedSlot",
    "Subscale",
    "Training",
    "Translator",
    "UnknownId",
    "Venue",
    "Violation",
    "Weekday",
    "Youth",
    "YouthWorker",
    "calendar_files",
    "curricula_for",
    "default_until",
    "dump",
    "dumps",
    "group_milestones",
    "language_from_environment",
    "load",
    "load_closures",
    "load_curriculum",
    "load_framework",
    "load_program",
    "load_school_holidays",
    "loads",
    "msg",
    "new_pseudonym",
    "place_in_groups",
    "place_youths",
    "plan_group",
    "plan_program",
    "to_csv",
    "to_ics",
    "too_small_to_start",
    "translator",
    "youth_milestones",
]


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("joinus-method")
    except PackageNotFoundError:  # pragma: no cover - imported from a source tree
        return "0+unknown"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        value = globals()["__version__"] = _version()
        return value
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
