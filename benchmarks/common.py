"""What the benchmarks share: a national-scale program and a careful timer."""

from __future__ import annotations

import datetime as dt
import gc
import time
from collections.abc import Callable

from joinus_method import (
    AGE_12_TO_18,
    AGE_18_TO_25,
    Coach,
    CurriculumChoice,
    Group,
    Municipality,
    Organisation,
    OrganisationKind,
    Program,
    Venue,
    Weekday,
    YouthWorker,
)

TIME = (dt.time(19), dt.time(19, 30), dt.time(18, 30), dt.time(20))


def national_program(n_groups: int) -> Program:
    """*n_groups* groups, two workers each, two groups per venue, five venues per municipality."""
    n_municipalities = max(1, n_groups // 5)
    municipalities = tuple(
        Municipality(f"gemeente-{m}", f"Gemeente {m}") for m in range(n_municipalities)
    )
    orgs = (
        Organisation("stichting", "Stichting Join Us", OrganisationKind.FOUNDATION),
        Organisation("welzijn", "Welzijn", OrganisationKind.WELFARE),
    )
    coaches = tuple(
        Coach(f"coach-{c}", f"Coach {c}", "stichting") for c in range(max(1, n_groups // 50))
    )
    workers = tuple(
        YouthWorker(
            f"werker-{w}",
            f"Werker {w}",
            "welzijn",
            coaches[w % len(coaches)].id,
            dt.date(2024, 6, 1),
        )
        for w in range(2 * n_groups)
    )
    venues = tuple(
        Venue(f"locatie-{v}", f"Jongerencentrum {v}", municipalities[v % n_municipalities].id)
        for v in range(n_groups // 2)
    )
    first = dt.date(2024, 9, 2)
    groups = []
    for g in range(n_groups):
        start = first + dt.timedelta(days=g % 5, weeks=(g // 5) % 4)
        groups.append(
            Group(
                id=f"groep-{g}",
                name=f"Groep {g}",
                age_band=AGE_12_TO_18 if g % 2 else AGE_18_TO_25,
                weekday=Weekday.of(start),
                start_date=start,
                start_time=TIME[g % 4],
                venue=venues[g // 2].id,
                workers=(workers[2 * g].id, workers[2 * g + 1].id),
            )
        )
    return Program(
        id="landelijk",
        title="Join Us landelijk",
        curricula=CurriculumChoice("werkerstraining", "groepsavonden", "zelfredzaamheid"),
        municipalities=municipalities,
        organisations=orgs,
        coaches=coaches,
        workers=workers,
        venues=venues,
        groups=tuple(groups),
    )


def best_of(fn: Callable[[], object], repeats: int) -> float:
    """The best of *repeats* CPU timings, with the garbage collector paused as timeit does.

    CPU time of this process, not wall time: other work on a shared machine then shows less.
    """
    times = []
    for _ in range(repeats):
        gc.collect()
        gc.disable()
        try:
            t0 = time.process_time()
            fn()
            times.append(time.process_time() - t0)
        finally:
            gc.enable()
    return min(times)
