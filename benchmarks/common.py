"""What the benchmarks share: a national-scale program and a careful timer."""

from __future__ import annotations

import datetime as dt
import gc
import time
from collections.abc import Callable

from joinus_method import (
    AGE_12_TO_18,
    AGE_18_TO_25,
    Closure,
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


EARLY, LATE = dt.time(15), dt.time(19)
AUTUMN_LEAVE = Closure(dt.date(2024, 10, 28), "verlof", dt.date(2024, 11, 8))
SPRING_WORKS = Closure(dt.date(2025, 3, 10), "onderhoud", dt.date(2025, 3, 16))


def national_program(n_groups: int, *, paired: bool = False) -> Program:
    """*n_groups* groups, two workers each, two groups per venue, five venues per municipality.

    With *paired*, the two groups of a venue share their two workers too, and meet on the
    same weekday, one at 15:00 and the other at 19:00, so that every session's clash check
    compares times; every third venue is closed for a week in spring and every fifth worker
    is on leave for two weeks in the autumn.
    """
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
    teams = (n_groups + 1) // 2 if paired else n_groups  # the pairs of workers
    workers = tuple(
        YouthWorker(
            f"werker-{w}",
            f"Werker {w}",
            "welzijn",
            coaches[w % len(coaches)].id,
            dt.date(2024, 6, 1),
            leave=(AUTUMN_LEAVE,) if paired and w % 5 == 0 else (),
        )
        for w in range(2 * teams)
    )
    venues = tuple(
        Venue(
            f"locatie-{v}",
            f"Jongerencentrum {v}",
            municipalities[v % n_municipalities].id,
            closures=(SPRING_WORKS,) if paired and v % 3 == 0 else (),
        )
        for v in range((n_groups + 1) // 2)
    )
    first = dt.date(2024, 9, 2)
    groups = []
    for g in range(n_groups):
        team = g // 2 if paired else g
        start = first + dt.timedelta(days=team % 5, weeks=(team // 5) % 4)
        groups.append(
            Group(
                id=f"groep-{g}",
                name=f"Groep {g}",
                age_band=AGE_12_TO_18 if g % 2 else AGE_18_TO_25,
                weekday=Weekday.of(start),
                start_date=start,
                start_time=(LATE if g % 2 else EARLY) if paired else TIME[g % 4],
                venue=venues[g // 2].id,
                workers=(workers[2 * team].id, workers[2 * team + 1].id),
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
