"""Curricula cannot be built when they break a rule."""

from __future__ import annotations

import attrs
import pytest

from joinus_method import (
    Audience,
    Curriculum,
    Goal,
    InvalidValue,
    Leader,
    Phase,
    Pin,
    Segment,
    Session,
    UnknownId,
)
from joinus_method.documents.bundled import load_bundled


def curriculum(*sessions: Session, **changes: object) -> Curriculum:
    fields: dict[str, object] = {
        "id": "c",
        "title": "C",
        "audience": Audience.YOUTHS,
        "led_by": Leader.WORKERS,
        "cadence_weeks": 2,
        "default_minutes": 180,
        "phases": (Phase("begin", "Begin"), Phase("eind", "Eind")),
        "sessions": sessions,
    }
    fields.update(changes)
    return Curriculum(**fields)  # type: ignore[arg-type]


def paths(exc: pytest.ExceptionInfo[InvalidValue]) -> list[tuple[str | int, ...]]:
    return [p.path for p in exc.value.problems]


def test_a_valid_curriculum_builds() -> None:
    """Sessions in phase order with earlier prerequisites make a curriculum."""
    c = curriculum(
        Session("a", "A", "begin", pinned=Pin.FIRST),
        Session("b", "B", "begin", minutes=90, requires=("a",)),
        Session("c", "C", "eind", requires=("a", "b"), pinned=Pin.LAST),
    )
    assert c.total_minutes == 180 + 90 + 180
    assert c.session("b").length(c.default_minutes) == 90
    with pytest.raises(UnknownId):
        c.session("z")


def test_negative_minutes_cannot_be_built() -> None:
    """A session of -5 minutes is refused, naming the field."""
    with pytest.raises(InvalidValue) as caught:
        Session("a", "A", "begin", minutes=-5)
    assert paths(caught) == [("minutes",)]
    assert isinstance(caught.value, ValueError)


def test_segment_minutes_must_be_positive() -> None:
    """A segment of zero minutes is refused."""
    with pytest.raises(InvalidValue):
        Segment("Openingsrondje", 0)


def test_prerequisite_on_a_later_session() -> None:
    """A session may only require sessions that come before it."""
    with pytest.raises(InvalidValue) as caught:
        curriculum(Session("a", "A", "begin", requires=("b",)), Session("b", "B", "begin"))
    assert paths(caught) == [("sessions", 0, "requires", 0)]
    assert "comes later" in caught.value.problems[0].message


def test_prerequisite_cycle() -> None:
    """Sessions that require each other are a cycle, named in order."""
    with pytest.raises(InvalidValue) as caught:
        curriculum(
            Session("a", "A", "begin", requires=("b",)),
            Session("b", "B", "begin", requires=("a",)),
        )
    (problem,) = caught.value.problems
    assert problem.message.startswith("prerequisite cycle: ")
    assert set(problem.message.removeprefix("prerequisite cycle: ").split(" → ")) == {"a", "b"}


def test_a_session_requiring_itself() -> None:
    """A session cannot require itself."""
    with pytest.raises(InvalidValue, match="requires itself"):
        Session("a", "A", "begin", requires=("a",))


def test_unknown_references_and_duplicates_are_all_reported() -> None:
    """Unknown phases, goals and prerequisites, and duplicate ids, come out together."""
    with pytest.raises(InvalidValue) as caught:
        curriculum(
            Session("a", "A", "midden", goals=("plezier",)),
            Session("a", "A2", "begin", requires=("x",)),
        )
    assert sorted(paths(caught), key=str) == sorted(
        [("sessions", 0, "phase"), ("sessions", 0, "goals", 0), ("sessions", 1, "id")], key=str
    )


def test_phases_are_kept_in_order() -> None:
    """A session of an earlier phase cannot follow one of a later phase."""
    with pytest.raises(InvalidValue, match="comes before phase 'eind'"):
        curriculum(Session("a", "A", "eind"), Session("b", "B", "begin"))


def test_pins() -> None:
    """A session pinned first comes first; one pinned last comes last."""
    with pytest.raises(InvalidValue, match="pinned first"):
        curriculum(Session("a", "A", "begin"), Session("b", "B", "begin", pinned=Pin.FIRST))
    with pytest.raises(InvalidValue, match="pinned last"):
        curriculum(Session("a", "A", "begin", pinned=Pin.LAST), Session("b", "B", "begin"))


def test_segments_fit_in_their_session() -> None:
    """The segments of a session cannot take longer than the session."""
    with pytest.raises(InvalidValue, match="segments take 200 minutes"):
        curriculum(Session("a", "A", "begin", segments=(Segment("x", 120), Segment("y", 80))))


def test_goal_domain_needs_a_framework() -> None:
    """A goal that names a domain needs the curriculum to name its framework."""
    with pytest.raises(InvalidValue, match="names no framework"):
        curriculum(Session("a", "A", "begin"), goals=(Goal("g", "G", domain="netwerk"),))
    c = curriculum(
        Session("a", "A", "begin"), goals=(Goal("g", "G", domain="netwerk"),), framework="f"
    )
    assert [p.path for p in c.framework_problems({"andere"})] == [("goals", 0, "domain")]
    assert c.framework_problems({"netwerk"}) == []


def test_empty_titles_and_bad_ids() -> None:
    """Blank titles and ids with capitals or spaces are refused."""
    with pytest.raises(InvalidValue) as caught:
        Phase("Begin Fase", "  ")
    assert paths(caught) == [("id",), ("title",)]


def test_bundled_group_evenings() -> None:
    """The bundled evenings: biweekly, three hours, led by workers, with youth-led parts."""
    c = load_bundled("groepsavonden")
    assert isinstance(c, Curriculum)
    assert (c.cadence_weeks, c.default_minutes, c.repeats) == (2, 180, True)
    assert c.audience is Audience.YOUTHS
    assert len(c.sessions) >= 20
    kinds = {seg.kind.value for s in c.sessions for seg in s.segments}
    assert {"opening-round", "one-to-one", "planning", "activity"} <= kinds
    youth_led = [
        sum(seg.minutes for seg in s.segments if seg.led_by is Leader.YOUTHS) for s in c.sessions
    ]
    assert youth_led[0] == 0
    assert max(youth_led[-8:]) > max(youth_led[:4])


def test_bundled_worker_training_has_follow_up_coaching() -> None:
    """The worker training ends with follow-up coaching on a cadence of its own."""
    c = load_bundled("werkerstraining")
    assert isinstance(c, Curriculum)
    assert c.audience is Audience.WORKERS
    assert c.led_by is Leader.COACH
    last_phase = c.phases[-1]
    assert last_phase.cadence_weeks is not None
    assert last_phase.cadence_weeks > c.cadence_weeks
    assert any(s.phase == last_phase.id for s in c.sessions)


def test_minutes_led_by_whom() -> None:
    """A segment is led by its own leader, else the session's, else the curriculum's; a
    session without segments is led whole by its leader."""
    from joinus_method import Leader, Segment
    from tests.seed import EVENINGS as cur

    plain = attrs.evolve(cur.sessions[0], segments=(), led_by=None, minutes=90)
    assert cur.minutes_led_by(plain, Leader.WORKERS) == 90
    assert cur.minutes_led_by(plain, Leader.YOUTHS) == 0
    theirs = attrs.evolve(plain, led_by=Leader.YOUTHS)
    assert cur.minutes_led_by(theirs, Leader.YOUTHS) == 90
    mixed = attrs.evolve(
        plain,
        led_by=Leader.YOUTHS,
        segments=(
            Segment("a", 30),
            Segment("b", 20, led_by=Leader.WORKERS),
            Segment("c", 40, led_by=Leader.EXPERT_BY_EXPERIENCE),
        ),
    )
    assert [cur.minutes_led_by(mixed, who) for who in Leader] == [0, 20, 30, 40]
    assert cur.share_led_by(mixed, Leader.YOUTHS) == 30 / 90


class TestRepeatFrom:
    """A repeating curriculum may start again from a later phase; its start then runs once."""

    SESSIONS = (Session("a", "A", "begin"), Session("b", "B", "eind"), Session("c", "C", "eind"))

    def test_the_restart_is_the_phase_s_first_session(self) -> None:
        c = curriculum(*self.SESSIONS, repeats=True, repeat_from="eind")
        assert c.restart == 1
        assert curriculum(*self.SESSIONS, repeats=True).restart == 0

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            (
                {"repeat_from": "eind"},
                "repeat_from is for a curriculum that repeats: set repeats = true",
            ),
            ({"repeats": True, "repeat_from": "eid"}, "unknown phase 'eid' (did you mean 'eind'?)"),
            (
                {
                    "repeats": True,
                    "repeat_from": "later",
                    "phases": (Phase("begin", "B"), Phase("eind", "E"), Phase("later", "L")),
                },
                "phase 'later' has no sessions to start again from",
            ),
            (
                {
                    "repeats": True,
                    "repeat_from": "eind",
                    "phases": (Phase("begin", "B"), Phase("eind", "E", follow_up=True)),
                },
                "a follow-up phase cannot be repeated: 'eind'",
            ),
        ],
        ids=["not-repeating", "unknown", "empty", "follow-up"],
    )
    def test_a_wrong_restart_is_refused(self, changes: dict[str, object], message: str) -> None:
        with pytest.raises(InvalidValue) as caught:
            curriculum(*self.SESSIONS, **changes)
        assert [p.message for p in caught.value.problems] == [message]
        assert paths(caught) == [("repeat_from",)]
