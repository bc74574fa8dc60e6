"""joinus_method: run the Join Us programme against loneliness among young people.

The package models the chain coach → youth worker → group → youth, the TOML documents a
coach writes (curriculum, progress framework, program) and the rules they must keep.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .closures import Closure
    from .curriculum import (
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
    from .documents import (
        Document,
        DocumentKind,
        dump,
        dumps,
        load,
        load_curriculum,
        load_framework,
        load_program,
        loads,
    )
    from .errors import ChainError, DocumentError, InvalidValue, JoinUsError, Problem, UnknownId
    from .framework import (
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
    from .people import (
        Coach,
        Membership,
        Municipality,
        Organisation,
        OrganisationKind,
        PersonalData,
        Youth,
        YouthWorker,
        new_pseudonym,
    )
    from .program import (
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

# Public names are loaded from their modules on first use, so that `import joinus_method`
# stays fast; the modules themselves import heavy libraries only where they use them.
_EXPORTS: dict[str, str] = {
    "AGE_12_TO_18": "program",
    "AGE_18_TO_25": "program",
    "MAX_GROUP_SIZE": "program",
    "AgeBand": "program",
    "AnswerOption": "framework",
    "Audience": "curriculum",
    "ChainError": "errors",
    "Closure": "closures",
    "Coach": "people",
    "Curriculum": "curriculum",
    "CurriculumChoice": "program",
    "Document": "documents",
    "DocumentError": "errors",
    "DocumentKind": "documents",
    "Domain": "framework",
    "Event": "program",
    "Goal": "curriculum",
    "Group": "program",
    "Instrument": "framework",
    "InstrumentScore": "framework",
    "InvalidValue": "errors",
    "Item": "framework",
    "JoinUsError": "errors",
    "Keying": "framework",
    "Leader": "curriculum",
    "Level": "framework",
    "Membership": "people",
    "Municipality": "people",
    "Organisation": "people",
    "OrganisationKind": "people",
    "PersonalData": "people",
    "Phase": "curriculum",
    "Pin": "curriculum",
    "Problem": "errors",
    "Program": "program",
    "ProgressFramework": "framework",
    "ReadinessRule": "framework",
    "SchoolRegion": "program",
    "Training": "program",
    "ScoreBand": "framework",
    "Segment": "curriculum",
    "SegmentKind": "curriculum",
    "Session": "curriculum",
    "Subscale": "framework",
    "UnknownId": "errors",
    "Venue": "program",
    "Weekday": "program",
    "Youth": "people",
    "YouthWorker": "people",
    "dump": "documents",
    "dumps": "documents",
    "load": "documents",
    "load_curriculum": "documents",
    "load_framework": "documents",
    "load_program": "documents",
    "loads": "documents",
    "new_pseudonym": "people",
}

__all__ = [
    "AGE_12_TO_18",
    "AGE_18_TO_25",
    "MAX_GROUP_SIZE",
    "AgeBand",
    "AnswerOption",
    "Audience",
    "ChainError",
    "Closure",
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
    "Keying",
    "Leader",
    "Level",
    "Membership",
    "Municipality",
    "Organisation",
    "OrganisationKind",
    "PersonalData",
    "Phase",
    "Pin",
    "Problem",
    "Program",
    "ProgressFramework",
    "ReadinessRule",
    "SchoolRegion",
    "ScoreBand",
    "Segment",
    "SegmentKind",
    "Session",
    "Subscale",
    "Training",
    "UnknownId",
    "Venue",
    "Weekday",
    "Youth",
    "YouthWorker",
    "dump",
    "dumps",
    "load",
    "load_curriculum",
    "load_framework",
    "load_program",
    "loads",
    "new_pseudonym",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
