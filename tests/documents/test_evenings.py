"""The bundled group evenings: a start that runs once, a yearly cycle that fits in a year,
room for one-to-one talks on every evening, a lead that passes to the youths, and plain
Dutch."""

from __future__ import annotations

import collections
import datetime as dt
import functools
import re

import pytest

from joinus_method import Curriculum, Leader, Pin, SegmentKind, Session
from joinus_method.documents.bundled import bundled_documents
from joinus_method.planning.closures import ClosureCalendar
from joinus_method.planning.schedule import PlannedSession, ProgramPlan, plan_program
from tests.seed import CURRICULA, EVENINGS, NOORDWIJK

START = EVENINGS.sessions[: EVENINGS.restart]
CYCLE = EVENINGS.sessions[EVENINGS.restart :]
YEAR = dt.timedelta(weeks=52)
GROUPS = [g.id for g in NOORDWIJK.groups]


def one_to_one(session: Session) -> int:
    """The minutes of *session*'s longest one-to-one segment (0 when it has none)."""
    talks = [s.minutes for s in session.segments if s.kind is SegmentKind.ONE_TO_ONE]
    return max(talks, default=0)


def youth_share(sessions: tuple[Session, ...] | list[Session]) -> float:
    """The share of the minutes of *sessions* that the youths lead."""
    led = sum(EVENINGS.minutes_led_by(s, Leader.YOUTHS) for s in sessions)
    return led / sum(s.length(EVENINGS.default_minutes) for s in sessions)


def texts(curriculum: Curriculum) -> list[str]:
    """Every text of *curriculum* a reader sees: titles, descriptions and the summary."""
    found = [curriculum.title, curriculum.summary]
    found += [t for p in curriculum.phases for t in (p.title, p.description)]
    found += [g.title for g in curriculum.goals]
    for s in curriculum.sessions:
        found += [s.title, s.description]
        found += [t for seg in s.segments for t in (seg.title, seg.description)]
    return [t for t in found if t]


# -- the rolling group: a start once, a cycle that repeats --------------------------------


def test_a_start_that_runs_once_then_a_cycle() -> None:
    """The evenings repeat from a later phase: a short start of about three evenings (a
    welcome first) runs once, the cycle after it repeats."""
    assert EVENINGS.repeats
    assert EVENINGS.repeat_from is not None
    assert 2 <= len(START) <= 4
    assert START[0].pinned is Pin.FIRST
    assert {s.phase for s in START}.isdisjoint({s.phase for s in CYCLE})
    assert CYCLE[0].phase == EVENINGS.repeat_from


def test_the_cycle_starts_with_the_youths_in_the_lead() -> None:
    """The cycle does not start again with worker-led getting-to-know evenings: its first
    evening is led by youths for the most part, its opening round included, and the
    welcome evening, pinned first, stays in the start."""
    first = CYCLE[0]
    assert youth_share([first]) > 0.5
    (opening, *_) = [s for s in first.segments if s.kind is SegmentKind.OPENING_ROUND]
    assert opening.led_by is Leader.YOUTHS
    assert all(s.pinned in (None, Pin.LAST) for s in CYCLE)


def test_newcomers_are_welcomed_in_the_opening_round() -> None:
    """A youth who joins a running group is welcomed in the opening round of any evening,
    as the summary says, not on an evening of its own; the opening round is explained
    once there, and every evening begins with it."""
    summary = EVENINGS.summary
    assert "openingsrondje" in summary
    assert "welkom" in summary
    for s in EVENINGS.sessions:
        assert s.segments[0].kind is SegmentKind.OPENING_ROUND, s.id


NUMBERS = {
    2: "twee",
    3: "drie",
    4: "vier",
    15: "vijftien",
    16: "zestien",
    17: "zeventien",
    18: "achttien",
    19: "negentien",
}
"""The numbers of evenings a start and a cycle can have, as the summary writes them."""


def test_the_summary_counts_the_evenings_right() -> None:
    """The summary names the number of evenings of the start and of the cycle as they are."""
    summary = " ".join(EVENINGS.summary.split())
    assert f"begint met {NUMBERS[len(START)]} avonden" in summary
    assert f"jaarronde van {NUMBERS[len(CYCLE)]} avonden" in summary


# -- a year fits in a year -----------------------------------------------------------------


@functools.cache
def seed_plan() -> ProgramPlan:
    """The seed program with the bundled curricula, planned as far as the shipped school
    holidays reach."""
    calendar = ClosureCalendar.for_program(NOORDWIJK)
    _, last = calendar.known_span(school=True)
    return plan_program(NOORDWIJK, CURRICULA, calendar, until=last)


def cycle_passes(group: str) -> list[list[PlannedSession]]:
    """The group's passes through the cycle, each from the restart session to the last
    session; a pass cut off by the end of the plan is left out."""
    passes: dict[int, list[PlannedSession]] = collections.defaultdict(list)
    for s in seed_plan().plan(group).sessions:
        if s.number > EVENINGS.restart:
            passes[s.round].append(s)
    return [p for p in passes.values() if len(p) == len(CYCLE)]


@pytest.mark.parametrize("group", GROUPS)
def test_the_first_cycle_fits_in_a_year(group: str) -> None:
    """With the school holidays of region midden and the public holidays skipped, the
    first full pass of the cycle (round 0, from the restart session to the last session)
    spans at most 52 weeks, and at least 40, so that it is still a year's cycle."""
    first, *_ = cycle_passes(group)
    assert first[0].round == 0
    assert first[0].number == EVENINGS.restart + 1
    assert first[-1].number == len(EVENINGS.sessions)
    span = first[-1].day - first[0].day
    assert dt.timedelta(weeks=40) <= span <= YEAR, (group, span)


@pytest.mark.parametrize("group", GROUPS)
def test_the_second_pass_starts_at_the_restart(group: str) -> None:
    """After the last session of round 0 comes the restart session in round 1, never
    the start phase again."""
    sessions = seed_plan().plan(group).sessions
    last = max(i for i, s in enumerate(sessions) if s.round == 0)
    after = sessions[last + 1]
    assert sessions[last].number == len(EVENINGS.sessions)
    assert (after.round, after.number) == (1, EVENINGS.restart + 1)
    assert after.session.id == CYCLE[0].id
    assert [s.number for s in sessions[: EVENINGS.restart]] == list(range(1, EVENINGS.restart + 1))
    assert all(s.number > EVENINGS.restart for s in sessions[EVENINGS.restart :])


@pytest.mark.parametrize("group", GROUPS)
def test_a_youth_who_stays_a_year_meets_every_evening(group: str) -> None:
    """In every year the shipped calendar knows, any run of as many cycle evenings in a
    row as the cycle has spans at most 52 weeks: a youth who joins at any evening and
    stays a year meets every evening of the cycle, its farewell and "klaar voor de
    volgende stap" included."""
    days = [s.day for s in seed_plan().plan(group).sessions if s.number > EVENINGS.restart]
    n = len(CYCLE)
    assert len(days) >= 6 * n
    worst = max(days[i + n - 1] - days[i] for i in range(len(days) - n + 1))
    assert worst <= YEAR, (group, worst)
    ids = {s.id for s in CYCLE}
    assert {"afscheidsavond", "klaar-voor-de-volgende-stap"} <= ids


def test_the_farewell_and_the_next_step_close_the_cycle() -> None:
    """The "klaar voor de volgende stap" evening falls near the end of the cycle, before
    the farewell, which is pinned last."""
    ids = [s.id for s in CYCLE]
    assert ids[-1] == "afscheidsavond"
    assert CYCLE[-1].pinned is Pin.LAST
    assert len(CYCLE) - 6 <= ids.index("klaar-voor-de-volgende-stap") < len(CYCLE) - 1


# -- room for evaluations --------------------------------------------------------------------


@pytest.mark.parametrize("session", CYCLE, ids=lambda s: s.id)
def test_every_cycle_evening_has_room_for_four_talks(session: Session) -> None:
    """Every evening of the cycle has a one-to-one segment of at least 60 minutes: four
    talks of 15 minutes, a youth's evaluation being one of them (so that a full group of
    fifteen, all due at once, is evaluated within one interval: see test_milestones)."""
    assert one_to_one(session) >= 60


def test_the_start_has_one_to_one_time_after_the_first_evening() -> None:
    """Every evening of the start but the first has at least 30 minutes of one-to-one
    time; the first has some."""
    assert one_to_one(START[0]) > 0
    assert [s.id for s in START[1:] if one_to_one(s) < 30] == []


def test_every_phase_has_one_to_one_time() -> None:
    """Every phase has at least one session with a one-to-one segment."""
    with_talks = {s.phase for s in EVENINGS.sessions if one_to_one(s)}
    assert [p.id for p in EVENINGS.phases if p.id not in with_talks] == []


def test_the_texts_say_where_evaluations_take_place() -> None:
    """The summary says that evaluations and other personal talks take place in the
    evening's one-to-one part."""
    summary = EVENINGS.summary
    assert "één-op-ééngesprekken" in summary
    assert "evaluatiegesprekken" in summary
    assert "persoonlijke gesprekken" in summary


# -- minutes and the youths' lead ----------------------------------------------------------


def bundled_curricula() -> list[Curriculum]:
    found = [d.load() for d in bundled_documents()]
    return [c for c in found if isinstance(c, Curriculum)]


@pytest.mark.parametrize("curriculum", bundled_curricula(), ids=lambda c: c.id)
def test_segments_fill_each_session_exactly(curriculum: Curriculum) -> None:
    """In every bundled curriculum, every session is divided into segments that add up
    exactly to its minutes: no unplanned minutes, none too many."""
    off = [
        (s.id, sum(seg.minutes for seg in s.segments), s.length(curriculum.default_minutes))
        for s in curriculum.sessions
        if sum(seg.minutes for seg in s.segments) != s.length(curriculum.default_minutes)
    ]
    assert off == []


def test_every_evening_lasts_three_hours() -> None:
    """Every evening takes about three hours: 180 minutes."""
    assert {s.length(EVENINGS.default_minutes) for s in EVENINGS.sessions} == {180}


def test_the_youths_lead_more_phase_by_phase() -> None:
    """The share of the minutes the youths lead never drops from one phase to the next,
    through the start and the cycle."""
    shares = [
        youth_share([s for s in EVENINGS.sessions if s.phase == p.id]) for p in EVENINGS.phases
    ]
    assert shares == sorted(shares), shares
    assert shares[0] < shares[-1]


def test_the_lead_does_not_drop_when_the_cycle_starts_again() -> None:
    """The cycle's first evening has at least the youth-led share of its last, so the
    lead does not fall back when a new pass begins."""
    assert youth_share([CYCLE[0]]) >= youth_share([CYCLE[-1]])


# -- plain Dutch -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "wrong",
    [
        "hij of zij",
        "zijn of haar",
        "hem of haar",
        "op-één gesprek",
        "op-één-gesprek",
        "een-op-een",
        "leeftijdgenoten",
        "sociaal redzaam",
    ],
)
def test_one_spelling_and_no_double_pronouns(wrong: str) -> None:
    """The evenings write "één-op-ééngesprek" as one word with accents, "leeftijdsgenoten"
    with an s, the goal as "sociaal zelfredzaam", and no "hij of zij" or "zijn of haar"."""
    assert [t for t in texts(EVENINGS) if wrong in t.lower()] == []


def test_the_goal_is_named_one_way() -> None:
    """The goal is named as "sociaal zelfredzaam", in the summary and the phases."""
    assert "sociaal zelfredzaam" in EVENINGS.summary
    assert any("sociaal zelfredzaam" in p.description for p in EVENINGS.phases)


def test_no_sentence_is_repeated_word_for_word() -> None:
    """No sentence of a description or the summary appears twice: what every evening
    shares (the opening round, the one-to-one talks) is said once, in the summary."""
    sentences = collections.Counter(
        sentence
        for text in [EVENINGS.summary]
        + [p.description for p in EVENINGS.phases]
        + [s.description for s in EVENINGS.sessions]
        + [seg.description for s in EVENINGS.sessions for seg in s.segments]
        for sentence in re.split(r"(?<=[.?!])\s+", text)
        if sentence
    )
    assert [s for s, n in sentences.items() if n > 1] == []
