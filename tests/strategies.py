"""Hypothesis strategies for the domain values, with keyword knobs and bounded sizes."""

from __future__ import annotations

import collections
import datetime as dt
import itertools
from typing import Any

from hypothesis import strategies as st

from joinus_method import (
    AgeBand,
    AnswerOption,
    Audience,
    Closure,
    Coach,
    Curriculum,
    CurriculumChoice,
    Domain,
    Event,
    Goal,
    Group,
    Instrument,
    Item,
    Keying,
    Leader,
    Level,
    Municipality,
    Organisation,
    OrganisationKind,
    Phase,
    Pin,
    Program,
    ProgressFramework,
    ReadinessRule,
    SchoolRegion,
    ScoreBand,
    Segment,
    SegmentKind,
    Session,
    Subscale,
    Training,
    Venue,
    Weekday,
    YouthWorker,
)
from joinus_method.model.holidays import (
    ClosureList,
    HolidayRegion,
    HolidayStatus,
    SchoolHoliday,
    SchoolHolidays,
)
from joinus_method.planning.closures import ClosureCalendar

ids = st.from_regex(r"[a-z0-9][a-z0-9-]{0,10}", fullmatch=True)
texts = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=30
).filter(lambda s: s.strip() != "")
optional_texts = st.one_of(st.just(""), texts)


def dates(
    min_value: dt.date = dt.date(2020, 1, 1), max_value: dt.date = dt.date(2030, 12, 31)
) -> st.SearchStrategy[dt.date]:
    """Days in a window, 2020–2030 by default."""
    return st.dates(min_value=min_value, max_value=max_value)


times = st.builds(dt.time, st.integers(0, 23), st.sampled_from([0, 15, 30, 45]))


def unique_ids(min_size: int, max_size: int) -> st.SearchStrategy[list[str]]:
    """Distinct ids."""
    return st.lists(ids, min_size=min_size, max_size=max_size, unique=True)


@st.composite
def segments(draw: st.DrawFn, budget: int) -> tuple[Segment, ...]:
    """Segments whose minutes add up to at most *budget*."""
    out = []
    left = budget
    for _ in range(draw(st.integers(0, 4))):
        if left < 1:
            break
        minutes = draw(st.integers(1, left))
        left -= minutes
        out.append(
            Segment(
                title=draw(texts),
                minutes=minutes,
                kind=draw(st.sampled_from(SegmentKind)),
                led_by=draw(st.none() | st.sampled_from(Leader)),
                description=draw(optional_texts),
            )
        )
    return tuple(out)


@st.composite
def curricula(
    draw: st.DrawFn,
    *,
    min_sessions: int = 1,
    max_sessions: int = 12,
    max_phases: int = 4,
    domains: tuple[str, ...] = (),
) -> Curriculum:
    """Valid curricula of *min_sessions* to *max_sessions* sessions (at most 60)."""
    phase_ids = draw(unique_ids(1, max_phases))
    follow_from = draw(st.integers(1, len(phase_ids)))
    phases = tuple(
        Phase(
            id=p,
            title=draw(texts),
            description=draw(optional_texts),
            cadence_weeks=draw(st.none() | st.integers(1, 52)),
            follow_up=i >= follow_from,
        )
        for i, p in enumerate(phase_ids)
    )
    goal_ids = draw(unique_ids(0, 4))
    goals = tuple(
        Goal(
            id=g,
            title=draw(texts),
            domain=draw(st.none() | st.sampled_from(domains)) if domains else None,
        )
        for g in goal_ids
    )
    framework = draw(ids) if any(g.domain for g in goals) else draw(st.none() | ids)
    default_minutes = draw(st.integers(1, 720))
    session_ids = draw(unique_ids(min_sessions, max_sessions))
    phase_of = sorted(
        draw(
            st.lists(
                st.integers(0, len(phases) - 1),
                min_size=len(session_ids),
                max_size=len(session_ids),
            )
        )
    )
    sessions = []
    for i, sid in enumerate(session_ids):
        minutes = draw(st.none() | st.integers(1, 720))
        earlier = session_ids[:i]
        requires = (
            tuple(draw(st.lists(st.sampled_from(earlier), unique=True, max_size=3)))
            if earlier
            else ()
        )
        pinned = None
        if i == 0 and not requires and draw(st.booleans()):
            pinned = Pin.FIRST
        elif i == len(session_ids) - 1 and i > 0 and draw(st.booleans()):
            pinned = Pin.LAST
        sessions.append(
            Session(
                id=sid,
                title=draw(texts),
                phase=phases[phase_of[i]].id,
                minutes=minutes,
                goals=tuple(draw(st.lists(st.sampled_from(goal_ids), unique=True, max_size=3)))
                if goal_ids
                else (),
                requires=requires,
                pinned=pinned,
                led_by=draw(st.none() | st.sampled_from(Leader)),
                description=draw(optional_texts),
                segments=draw(segments(minutes or default_minutes)),
            )
        )
    repeats = draw(st.booleans())
    restartable = [
        p.id for p in phases if not p.follow_up and any(s.phase == p.id for s in sessions)
    ]
    repeat_from = (
        draw(st.none() | st.sampled_from(restartable)) if repeats and restartable else None
    )
    return Curriculum(
        id=draw(ids),
        title=draw(texts),
        audience=draw(st.sampled_from(Audience)),
        led_by=draw(st.sampled_from(Leader)),
        cadence_weeks=draw(st.integers(1, 52)),
        default_minutes=default_minutes,
        phases=phases,
        sessions=tuple(sessions),
        goals=goals,
        framework=framework,
        repeats=repeats,
        repeat_from=repeat_from,
        summary=draw(optional_texts),
    )


@st.composite
def instruments(draw: st.DrawFn, *, max_items: int = 11) -> Instrument:
    """Valid instruments whose bands cover every possible total."""
    option_ids = draw(unique_ids(2, 4))
    with_positive = draw(st.booleans())
    options = tuple(
        AnswerOption(
            id=o,
            label=draw(texts),
            score_negative=draw(st.integers(0, 3)),
            score_positive=draw(st.integers(0, 3)) if with_positive else None,
        )
        for o in option_ids
    )
    sub_ids = draw(unique_ids(0, 2))
    n_items = draw(st.integers(1, max_items))
    items = tuple(
        Item(
            number=n,
            label=draw(texts),
            keyed=draw(st.sampled_from(Keying)) if with_positive else Keying.NEGATIVE,
            subscale=draw(st.none() | st.sampled_from(sub_ids)) if sub_ids else None,
        )
        for n in range(1, n_items + 1)
    )
    # A subscale needs items, and at least one of them answered.
    counts = collections.Counter(i.subscale for i in items)
    subscales = tuple(
        Subscale(id=s, title=draw(texts), max_missing=draw(st.integers(0, counts[s] - 1)))
        for s in sub_ids
        if counts[s]
    )
    low = high = 0
    for item in items:
        points = [o.points(item.keyed) for o in options]
        low, high = low + min(points), high + max(points)
    cuts = sorted(set(draw(st.lists(st.integers(low, high), max_size=3))) - {low})
    edges = [low, *cuts, high + 1]
    bands = tuple(
        ScoreBand(min=a, max=b - 1, label=draw(texts), lonely=draw(st.booleans()))
        for a, b in itertools.pairwise(edges)
        if b - 1 >= a
    )
    return Instrument(
        id=draw(ids),
        title=draw(texts),
        options=options,
        items=items,
        bands=bands,
        subscales=subscales,
        max_missing=draw(st.integers(0, max(n_items - 1, 0))),
        description=draw(optional_texts),
    )


@st.composite
def frameworks(draw: st.DrawFn) -> ProgressFramework:
    """Valid progress frameworks."""
    n_levels = draw(st.integers(2, 7))
    levels = tuple(
        Level(value=v, title=draw(texts), description=draw(optional_texts))
        for v in range(1, n_levels + 1)
    )
    domains = tuple(
        Domain(
            id=d,
            title=draw(texts),
            description=draw(optional_texts),
            risk_factors=tuple(draw(st.lists(texts, max_size=2))),
        )
        for d in draw(unique_ids(1, 5))
    )
    found = draw(st.lists(instruments(max_items=6), max_size=2, unique_by=lambda i: i.id))
    ready = ReadinessRule(
        min_level=draw(st.integers(1, n_levels)),
        instruments=tuple(draw(st.lists(st.sampled_from([i.id for i in found]), unique=True)))
        if found
        else (),
        description=draw(optional_texts),
    )
    return ProgressFramework(
        id=draw(ids),
        title=draw(texts),
        levels=levels,
        domains=domains,
        ready=ready,
        instruments=tuple(found),
        evaluation_weeks=draw(st.integers(1, 52)),
        description=draw(optional_texts),
    )


@st.composite
def closures(draw: st.DrawFn) -> Closure:
    """A closure of one day or a few weeks."""
    start = draw(dates())
    end = draw(st.none() | st.integers(0, 40).map(lambda n: start + dt.timedelta(days=n)))
    return Closure(start=start, end=end, reason=draw(texts))


@st.composite
def groups(draw: st.DrawFn, *, group_id: str, venues: list[str], workers: list[str]) -> Group:
    """A valid group at one of *venues*, guided by two of *workers*."""
    start = draw(dates())
    low = draw(st.integers(12, 25))
    capacity = draw(st.integers(1, 15))
    return Group(
        id=group_id,
        name=draw(texts),
        age_band=AgeBand(low, draw(st.integers(low, 25))),
        weekday=Weekday.of(start),
        start_date=start,
        start_time=draw(times),
        venue=draw(st.sampled_from(venues)),
        workers=tuple(
            draw(st.lists(st.sampled_from(workers), min_size=2, max_size=2, unique=True))
        ),
        capacity=capacity,
        min_size=draw(st.integers(1, capacity)),
        follows_school_holidays=draw(st.booleans()),
        curriculum=draw(st.none() | ids),
    )


@st.composite
def programs(draw: st.DrawFn, *, max_groups: int = 4) -> Program:
    """Valid programs with up to *max_groups* groups."""
    municipality_ids = draw(unique_ids(1, 3))
    municipalities = tuple(Municipality(id=m, name=draw(texts)) for m in municipality_ids)
    org_ids = draw(unique_ids(1, 3))
    organisations = tuple(
        Organisation(
            id=o,
            name=draw(texts),
            kind=draw(st.sampled_from(OrganisationKind)),
            municipalities=tuple(draw(st.lists(st.sampled_from(municipality_ids), unique=True))),
        )
        for o in org_ids
    )
    people = draw(unique_ids(3, 8))
    coach_ids, worker_ids = people[:1], people[1:]
    if len(worker_ids) < 2:
        worker_ids = [*worker_ids, worker_ids[0] + "-b"]
    coaches = tuple(
        Coach(id=c, name=draw(texts), organisation=draw(st.sampled_from(org_ids)))
        for c in coach_ids
    )
    workers = []
    for w in worker_ids:
        trained = draw(st.booleans())
        workers.append(
            YouthWorker(
                id=w,
                name=draw(texts),
                organisation=draw(st.sampled_from(org_ids)),
                trained_by=coach_ids[0] if trained or draw(st.booleans()) else None,
                trained_on=draw(dates()) if trained else None,
                leave=tuple(draw(st.lists(closures(), max_size=2))),
            )
        )
    venue_ids = draw(unique_ids(1, 3))
    venues = tuple(
        Venue(
            id=v,
            name=draw(texts),
            municipality=draw(st.sampled_from(municipality_ids)),
            address=draw(optional_texts),
            closures=tuple(draw(st.lists(closures(), max_size=3))),
            rooms=draw(st.integers(1, 3)),
        )
        for v in venue_ids
    )
    # Groups, events and trainings share one space of series ids.
    series_ids = draw(unique_ids(0, max_groups + 4))
    n_groups = draw(st.integers(0, min(max_groups, len(series_ids))))
    n_events = draw(st.integers(0, min(2, len(series_ids) - n_groups)))
    group_ids = series_ids[:n_groups]
    event_ids = series_ids[n_groups : n_groups + n_events]
    training_ids = series_ids[n_groups + n_events : n_groups + n_events + 2]
    found_groups = tuple(
        draw(groups(group_id=g, venues=venue_ids, workers=worker_ids)) for g in group_ids
    )
    events = tuple(
        Event(
            id=e,
            title=draw(texts),
            curriculum=draw(ids),
            date=draw(dates()),
            start_time=draw(times),
            organisation=draw(st.sampled_from(org_ids)),
            online=True,
            venue=draw(st.none() | st.sampled_from(venue_ids)),
            registration=draw(optional_texts),
        )
        for e in event_ids
    )
    trainings = []
    for t in training_ids:
        start = draw(dates())
        trainings.append(
            Training(
                id=t,
                coach=coach_ids[0],
                workers=tuple(draw(st.lists(st.sampled_from(worker_ids), min_size=1, unique=True))),
                weekday=Weekday.of(start),
                start_date=start,
                start_time=draw(times),
                venue=draw(st.none() | st.sampled_from(venue_ids)),
                follows_school_holidays=draw(st.booleans()),
            )
        )
    return Program(
        id=draw(ids),
        title=draw(texts),
        curricula=CurriculumChoice(
            training=draw(ids),
            groups=draw(ids),
            framework=draw(ids),
            awareness=draw(st.none() | ids),
        ),
        municipalities=municipalities,
        organisations=organisations,
        coaches=coaches,
        workers=tuple(workers),
        venues=venues,
        groups=found_groups,
        events=events,
        trainings=tuple(trainings),
        closures=tuple(draw(st.lists(closures(), max_size=3))),
        school_region=draw(st.sampled_from(SchoolRegion)),
        timezone=draw(st.sampled_from(["Europe/Amsterdam", "Europe/Brussels", "UTC"])),
        max_groups_per_worker=draw(st.integers(1, 5)),
        fictional_names=draw(st.booleans()),
        description=draw(optional_texts),
    )


documents = st.one_of(curricula(), frameworks(), programs())


_SCHEMA_KEYWORDS = {
    "$schema", "$id", "$ref", "title", "description", "default", "type", "properties",
    "required", "additionalProperties", "definitions", "items", "enum", "const", "pattern",
    "minLength", "minimum", "maximum", "minItems", "maxItems", "format", "anyOf",
}  # fmt: skip


def from_json_schema(
    schema: dict[str, Any], root: dict[str, Any] | None = None
) -> st.SearchStrategy[Any]:
    """JSON data valid under *schema*, for the draft-07 keywords our schemas use.

    Any other keyword is an error here, so a schema change cannot be silently ignored.
    """
    root = root or schema
    unknown = set(schema) - _SCHEMA_KEYWORDS
    assert not unknown, f"unsupported JSON Schema keywords {unknown}"
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        return st.deferred(lambda: from_json_schema(root["definitions"][name], root))
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if "anyOf" in schema:
        return st.one_of([from_json_schema(s, root) for s in schema["anyOf"]])
    kind = schema.get("type")
    if kind == "object":
        props = schema.get("properties", {})
        required = set(schema.get("required", ()))
        optional = sorted(set(props) - required)

        @st.composite
        def objects(draw: st.DrawFn) -> dict[str, Any]:
            chosen = [k for k in props if k in required or (k in optional and draw(st.booleans()))]
            return {k: draw(from_json_schema(props[k], root)) for k in chosen}

        return objects()
    if kind == "array":
        return st.lists(
            from_json_schema(schema["items"], root),
            min_size=schema.get("minItems", 0),
            max_size=schema.get("maxItems", 3),
        )
    if kind == "string":
        if schema.get("format") == "date":
            return dates().map(dt.date.isoformat)
        if schema.get("format") == "partial-time":
            return times.map(dt.time.isoformat)
        if "pattern" in schema:
            return st.from_regex(schema["pattern"], fullmatch=True)
        return st.text(min_size=schema.get("minLength", 0), max_size=20)
    if kind == "integer":
        return st.integers(schema.get("minimum", -1000), schema.get("maximum", 1000))
    if kind == "number":
        return st.floats(allow_nan=False, allow_infinity=False)
    if kind == "boolean":
        return st.booleans()
    raise AssertionError(f"unsupported schema {schema}")


# -- planning -----------------------------------------------------------------------------
PLAN_WINDOW = (dt.date(2020, 9, 7), dt.date(2026, 12, 31))
"""Start dates for plans that follow school holidays (shipped for 2020-2021 to 2028-2029)."""


@st.composite
def random_calendars(draw: st.DrawFn, *, max_closures: int = 40) -> ClosureCalendar:
    """A calendar of random closed days and ranges (0-40 closures), no real holidays."""
    days: dict[dt.date, str] = {}
    for closure in draw(st.lists(closures(), max_size=max_closures)):
        for day in closure.days():
            days.setdefault(day, closure.reason)
    return ClosureCalendar(
        public={},
        school={},
        school_span=(dt.date(2000, 1, 1), dt.date(2100, 1, 1)),
        general=days,
        venues={},
        people={},
        region="midden",
    )


@st.composite
def grid_curricula(
    draw: st.DrawFn, *, min_sessions: int = 1, max_sessions: int = 60, cadence: int | None = None
) -> Curriculum:
    """Curricula of 1-60 sessions on one cadence of 1-4 weeks, in one or two phases."""
    weeks = cadence or draw(st.integers(1, 4))
    n = draw(st.integers(min_sessions, max_sessions))
    phases = (Phase("a", "A"), Phase("b", "B"))
    split = draw(st.integers(0, n))
    sessions = tuple(
        Session(
            f"s{i}",
            f"Sessie {i}",
            "a" if i < split else "b",
            minutes=draw(st.sampled_from([90, 120, 180])),
        )
        for i in range(n)
    )
    return Curriculum(
        id="plan",
        title="Plan",
        audience=Audience.YOUTHS,
        led_by=Leader.WORKERS,
        cadence_weeks=weeks,
        default_minutes=180,
        phases=phases,
        sessions=sessions,
    )


@st.composite
def shared_programs(
    draw: st.DrawFn, *, max_groups: int = 5, window: tuple[dt.date, dt.date] = PLAN_WINDOW
) -> Program:
    """Programs of 1-5 groups sharing a few trained workers and one or two venues."""
    n_workers = draw(st.integers(2, 4))
    worker_ids = [f"w{i}" for i in range(n_workers)]
    first = draw(dates(*window))
    trained = first - dt.timedelta(days=draw(st.integers(-20, 60)))
    workers = tuple(
        YouthWorker(w, f"Werker {w}", "org", "coach", trained - dt.timedelta(days=i))
        for i, w in enumerate(worker_ids)
    )
    venues = tuple(
        Venue(f"v{i}", f"Locatie {i}", "gem", rooms=draw(st.integers(1, 2)))
        for i in range(draw(st.integers(1, 2)))
    )
    groups = []
    for g in range(draw(st.integers(1, max_groups))):
        start = first + dt.timedelta(days=draw(st.integers(0, 20)))
        groups.append(
            Group(
                id=f"g{g}",
                name=f"Groep {g}",
                age_band=AgeBand(12, 17),
                weekday=Weekday.of(start),
                start_date=start,
                start_time=dt.time(
                    draw(st.sampled_from([17, 18, 19, 20])), draw(st.sampled_from([0, 30]))
                ),
                venue=draw(st.sampled_from([v.id for v in venues])),
                workers=tuple(
                    draw(st.lists(st.sampled_from(worker_ids), min_size=2, max_size=2, unique=True))
                ),
                follows_school_holidays=draw(st.booleans()),
            )
        )
    return Program(
        id="p",
        title="P",
        curricula=CurriculumChoice("training", "plan", "kader"),
        municipalities=(Municipality("gem", "Gemeente"),),
        organisations=(Organisation("org", "Org", OrganisationKind.WELFARE),),
        coaches=(Coach("coach", "Coach", "org"),),
        workers=workers,
        venues=venues,
        groups=tuple(groups),
        school_region=draw(st.sampled_from(SchoolRegion)),
        max_groups_per_worker=5,
    )


@st.composite
def school_holiday_entries(draw: st.DrawFn, kind: st.SearchStrategy[str] = texts) -> SchoolHoliday:
    """One school holiday of a school year between 2020 and 2040."""
    year = draw(st.integers(2020, 2040))
    start = draw(dates(dt.date(year, 8, 1), dt.date(year + 1, 7, 31)))
    return SchoolHoliday(
        school_year=f"{year}-{year + 1}",
        kind=draw(kind),
        region=draw(st.sampled_from(HolidayRegion)),
        start=start,
        end=start + dt.timedelta(days=draw(st.integers(0, 60))),
        status=draw(st.sampled_from(HolidayStatus)),
        source=draw(optional_texts),
    )


@st.composite
def school_holiday_files(draw: st.DrawFn) -> SchoolHolidays:
    """School holidays with at least one summer holiday, as an own file holds them."""
    summer = draw(school_holiday_entries(st.just("zomervakantie")))
    others = draw(st.lists(school_holiday_entries(), max_size=4))
    return SchoolHolidays(
        version=draw(texts),
        covers_from=draw(dates()),
        holiday=(*others, summer),
        first_school_year=draw(st.none() | st.just(summer.school_year)),
        last_school_year=draw(st.none() | st.just(summer.school_year)),
    )


@st.composite
def closure_lists(draw: st.DrawFn) -> ClosureList:
    """A closure list of up to five closures."""
    return ClosureList(
        id=draw(ids),
        closures=tuple(draw(st.lists(closures(), max_size=5))),
        title=draw(optional_texts),
    )
