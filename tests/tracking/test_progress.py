"""Progress made from a youth's events: scores, levels, the leaving rule, change, network."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from joinus_method.errors import InvalidValue, JoinUsError
from joinus_method.model.framework import Instrument, Keying
from joinus_method.tracking.events import Event, EventKind, ExitReason, TieKind
from joinus_method.tracking.journey import replay
from joinus_method.tracking.progress import (
    Rating,
    domain_levels,
    instrument_scores,
    network_measures,
    progress,
    progress_of_all,
    tie_graph,
    ties_on,
)
from tests.seed import FRAMEWORK
from tests.tracking.roads import GROUP, event, member

START = dt.date(2021, 5, 11)
DOMAINS = [d.id for d in FRAMEWORK.domains]
DJG11 = FRAMEWORK.instrument("djg-11")
DJG6 = FRAMEWORK.instrument("djg-6")
UCLA3 = FRAMEWORK.instrument("ucla-3")

# The published cut-offs (DESIGN §5), as facts of their own: (lowest, highest, label, lonely).
CUT_OFFS = {
    "djg-11": [
        (0, 2, "niet eenzaam", False),
        (3, 8, "matig eenzaam", True),
        (9, 10, "ernstig eenzaam", True),
        (11, 11, "zeer ernstig eenzaam", True),
    ],
    "djg-6": [
        (0, 1, "niet eenzaam", False),
        (2, 4, "matig eenzaam", True),
        (5, 6, "ernstig eenzaam", True),
    ],
    "ucla-3": [(3, 5, "niet eenzaam", False), (6, 9, "eenzaam", True)],
}
# The answers of each instrument from least to most lonely, by their meaning, not their
# points: on the De Jong Gierveld scales "more or less" lies between the two sides, and an
# answer with "!" (the five-point form) is as lonely as the one without.
_DJG: dict[Keying, list[tuple[str, ...]]] = {
    Keying.NEGATIVE: [("nee", "nee!"), ("min-of-meer",), ("ja", "ja!")],
    Keying.POSITIVE: [("ja", "ja!"), ("min-of-meer",), ("nee", "nee!")],
}
LONELIER: dict[str, dict[Keying, list[tuple[str, ...]]]] = {
    "djg-11": _DJG,
    "djg-6": _DJG,
    "ucla-3": {Keying.NEGATIVE: [("bijna-nooit",), ("soms",), ("vaak",)]},
}
UCLA_POINTS = {1: "bijna-nooit", 2: "soms", 3: "vaak"}


def day(n: int) -> dt.date:
    """*n* weeks after the youth joined."""
    return START + dt.timedelta(weeks=n)


def valid(events: list[Event]) -> list[Event]:
    """*events*, after checking that they make an allowed road for every youth in them."""
    replay(events)
    return events


def assessed(
    on: dt.date,
    youth: str = "y-abc",
    rater: str = "daan-kuijpers",
    levels: dict[str, int] | None = None,
    **answers: dict[int, str],
) -> Event:
    """An assessment of *youth* on *on*: domain levels and answers by instrument (keyword
    names with ``_`` for ``-``)."""
    given = tuple(
        (name.replace("_", "-"), tuple(sorted(items.items()))) for name, items in answers.items()
    )
    return event(
        EventKind.ASSESSED,
        youth,
        on,
        rater=rater,
        levels=tuple((levels or {}).items()),
        answers=given,
    )


def answered(on: dt.date, name: str, answers: dict[int, str]) -> Event:
    """An assessment of ``y-abc`` on *on*: *answers* to the instrument *name* only."""
    return event(
        EventKind.ASSESSED,
        "y-abc",
        on,
        rater="daan-kuijpers",
        answers=((name, tuple(sorted(answers.items()))),),
    )


def tie_event(
    youth: str, other: str, on: dt.date, kind: TieKind = TieKind.PEER, made: bool = True
) -> Event:
    """*youth* made (or ended) a tie with *other* on *on*."""
    return event(
        EventKind.TIE_MADE if made else EventKind.TIE_ENDED, youth, on, tie_with=other, tie=kind
    )


def leave(youth: str, left: dt.date, followed_up: dt.date | None) -> list[Event]:
    """*youth* leaves the group and the programme on *left*, followed up on *followed_up*."""
    out = [
        event(EventKind.LEFT, youth, left, group=GROUP),
        event(EventKind.EXITED, youth, left, reason=ExitReason.SELF_RELIANT),
    ]
    if followed_up is not None:
        out.append(event(EventKind.FOLLOWED_UP, youth, followed_up))
    return out


def djg(instrument: Instrument, lonely: int, middle: int = 0) -> dict[int, str]:
    """Answers with the first *lonely* items on the lonely side, the next *middle* "more or
    less" and the rest on the other side."""
    out = {}
    for index, item in enumerate(instrument.items):
        side = _DJG[item.keyed]
        if index < lonely:
            out[item.number] = side[2][0]
        elif index < lonely + middle:
            out[item.number] = "min-of-meer"
        else:
            out[item.number] = side[0][0]
    return out


def ucla(total: int) -> dict[int, str]:
    """Answers to the UCLA 3-item scale scoring *total* (1 to 3 points each)."""
    extra = total - 3
    out = {}
    for number in (1, 2, 3):
        step = min(extra, 2)
        extra -= step
        out[number] = UCLA_POINTS[1 + step]
    return out


def answers_for(name: str, total: int) -> dict[int, str]:
    return ucla(total) if name == "ucla-3" else djg(FRAMEWORK.instrument(name), total)


def ready_levels(level: int = 4) -> dict[str, int]:
    return dict.fromkeys(DOMAINS, level)


def latest_score(events: list[Event], name: str, as_of: dt.date | None = None) -> Any:
    return progress("y-abc", events, FRAMEWORK, as_of or day(52)).scores[name][-1].score


# -- scoring ---------------------------------------------------------------------------------


def _cut_off_cases() -> list[Any]:
    cases = []
    for name, bands in CUT_OFFS.items():
        for low, high, label, lonely in bands:
            for total in sorted({low, high}):
                cases.append(pytest.param(name, total, label, lonely, id=f"{name}-{total}"))
    return cases


@pytest.mark.parametrize(("name", "total", "label", "lonely"), _cut_off_cases())
def test_scored_at_every_published_cut_off(name: str, total: int, label: str, lonely: bool) -> None:
    """Each band's lowest and highest total is scored into the published category."""
    road = valid([*member(), answered(day(1), name, answers_for(name, total))])
    score = latest_score(road, name)
    assert score.total == total
    assert score.complete
    assert score.band is not None
    assert (score.band.label, score.lonely) == (label, lonely)


@pytest.mark.parametrize("lonely", range(12))
def test_djg11_subscales(lonely: int) -> None:
    """The emotional score counts lonely answers on the six negative items, the social score
    those on the five positive items."""
    answers = djg(DJG11, lonely)
    road = valid([*member(), assessed(day(1), djg_11=answers)])
    score = latest_score(road, "djg-11")
    emotional = sum(1 for i in DJG11.items[:lonely] if i.keyed is Keying.NEGATIVE)
    assert score.subscales == {"emotioneel": emotional, "sociaal": lonely - emotional}


def test_more_or_less_counts_on_both_sides() -> None:
    """'More or less' scores 1 on every DJG item, negative or positive."""
    road = valid([*member(), assessed(day(1), djg_6=djg(DJG6, 0, middle=6))])
    score = latest_score(road, "djg-6")
    assert (score.total, score.subscales) == (6, {"emotioneel": 3, "sociaal": 3})


def test_five_point_answers_score_as_their_three_point_alias() -> None:
    """'ja!' scores as 'ja' and 'nee!' as 'nee'."""
    plain = djg(DJG6, 3)
    loud = {n: a + "!" if a != "min-of-meer" else a for n, a in plain.items()}
    road = valid([*member(), assessed(day(1), djg_6=plain), assessed(day(2), djg_6=loud)])
    first, second = (s.score for s in progress("y-abc", road, FRAMEWORK, day(3)).scores["djg-6"])
    assert second.total == first.total == 3
    assert second.subscales == first.subscales


def test_djg6_one_missing_answer() -> None:
    """One of six missing: a total of the rest, no subscale for the missing item's part, and
    a band only when the missing answer could not move the total to another band."""
    answers = djg(DJG6, 3)
    missing = DJG6.items[5]  # emotional, answered on the not-lonely side
    del answers[missing.number]
    road = valid([*member(), assessed(day(1), djg_6=answers)])
    score = latest_score(road, "djg-6")
    assert (score.total, score.missing, score.total_range) == (3, 1, (3, 4))
    assert score.band is not None
    assert score.band.label == "matig eenzaam"
    assert score.subscales == {"emotioneel": None, "sociaal": 2}

    on_the_edge = djg(DJG6, 1)
    del on_the_edge[6]
    road = valid([*member(), assessed(day(1), djg_6=on_the_edge)])
    score = latest_score(road, "djg-6")
    assert (score.total, score.total_range, score.band, score.lonely) == (1, (1, 2), None, None)


def test_too_many_missing_answers_give_no_total() -> None:
    """Two of six missing on the DJG-6, one of eleven on the DJG-11, one of three on the
    UCLA-3: no total and no band."""
    six = djg(DJG6, 2)
    del six[1], six[2]
    eleven = djg(DJG11, 2)
    del eleven[11]
    three = ucla(6)
    del three[2]
    road = valid([*member(), assessed(day(1), djg_6=six, djg_11=eleven, ucla_3=three)])
    scores = progress("y-abc", road, FRAMEWORK, day(2)).latest_scores
    for name in ("djg-6", "djg-11", "ucla-3"):
        assert (scores[name].total, scores[name].band) == (None, None), name
    assert scores["djg-6"].missing == 2


@st.composite
def lonelier_cases(draw: st.DrawFn) -> tuple[str, dict[int, str], int, str, str]:
    """An instrument, answers (some missing), one answered item and two answers to it, the
    second at least as lonely by meaning."""
    name = draw(st.sampled_from(sorted(LONELIER)))
    instrument = FRAMEWORK.instrument(name)
    item = draw(st.sampled_from(instrument.items))
    order = LONELIER[name][item.keyed]
    low = draw(st.integers(0, len(order) - 1))
    high = draw(st.integers(low, len(order) - 1))
    less = draw(st.sampled_from(order[low]))
    more = draw(st.sampled_from(order[high]))
    answers = {}
    for other in instrument.items:
        if other is not item and draw(st.integers(0, 4)) > 0:
            answers[other.number] = draw(
                st.sampled_from([a for step in LONELIER[name][other.keyed] for a in step])
            )
    return name, answers, item.number, less, more


@given(lonelier_cases())
@example(("djg-6", djg(DJG6, 1), 6, "nee!", "ja"))
@example(("djg-11", djg(DJG11, 2), 3, "min-of-meer", "ja!"))
@example(("ucla-3", {1: "vaak"}, 2, "bijna-nooit", "vaak"))
def test_a_lonelier_answer_never_lowers_the_score(
    case: tuple[str, dict[int, str], int, str, str],
) -> None:
    """Given the same other answers, a lonelier answer to one item never lowers the total,
    its range, a subscale or the band."""
    name, answers, number, less, more = case
    road = valid(
        [
            *member(),
            answered(day(1), name, {**answers, number: less}),
            answered(day(2), name, {**answers, number: more}),
        ]
    )
    before, after = (s.score for s in progress("y-abc", road, FRAMEWORK, day(3)).scores[name])
    assert (before.total is None) == (after.total is None)
    if before.total is not None:
        assert after.total is not None
        assert after.total >= before.total
        assert before.total_range is not None
        assert after.total_range is not None
        assert after.total_range[0] >= before.total_range[0]
        assert after.total_range[1] >= before.total_range[1]
    for sub, points in before.subscales.items():
        later = after.subscales[sub]
        assert (points is None) == (later is None)
        if points is not None and later is not None:
            assert later >= points
    bands = FRAMEWORK.instrument(name).bands
    if before.band is not None and after.band is not None:
        assert bands.index(after.band) >= bands.index(before.band)
    change = progress("y-abc", road, FRAMEWORK, day(3)).loneliness[name]
    assert change.steps is None or change.steps >= 0


def test_bad_answers_or_levels_are_refused_naming_the_event() -> None:
    """An unknown instrument, an answer that is no option, an item the instrument lacks, an
    unknown domain and a level off the ladder raise InvalidValue, all at once."""
    bad = [
        assessed(day(1), ucla_4={1: "soms"}),
        assessed(day(1), djg_6={1: "misschien", 7: "ja"}),
        assessed(day(1), levels={"sociale-vaardigheid": 3, "eigen-netwerk": 6}),
    ]
    levels = {
        ("events", bad[2].id, "levels", "sociale-vaardigheid"),
        ("events", bad[2].id, "levels", "eigen-netwerk"),
    }
    answers = {
        ("events", bad[0].id, "answers", "ucla-4"),
        ("events", bad[1].id, "answers", "djg-6", 1),
        ("events", bad[1].id, "answers", "djg-6", 7),
    }
    with pytest.raises(InvalidValue) as caught:
        progress("y-abc", [*member(), *bad], FRAMEWORK, day(2))
    assert isinstance(caught.value, JoinUsError)
    assert {p.path for p in caught.value.problems} == levels | answers
    assert "did you mean 'ucla-3'" in str(caught.value)
    assert "did you mean 'sociale-vaardigheden'" in str(caught.value)
    with pytest.raises(InvalidValue) as caught:
        instrument_scores("y-abc", bad, FRAMEWORK, day(2))
    assert {p.path for p in caught.value.problems} == answers
    with pytest.raises(InvalidValue) as caught:
        domain_levels("y-abc", bad, FRAMEWORK, day(2))
    assert {p.path for p in caught.value.problems} == levels
    assert instrument_scores("y-abc", bad, FRAMEWORK, day(0))["djg-6"] == ()


# -- levels, the leaving rule and change since baseline --------------------------------------


def test_levels_over_time_with_who_rated() -> None:
    """Each domain's ratings in the order they occurred, with the day and the rater; a
    rating recorded late sorts by its day, and a correction the same day comes last."""
    first = assessed(day(0), levels={"eigen-netwerk": 1, "inzicht-oorzaken": 2})
    late = assessed(day(6), rater="y-abc", levels={"eigen-netwerk": 3})
    early_recorded_later = assessed(day(3), levels={"eigen-netwerk": 2})
    correction = assessed(day(6), levels={"eigen-netwerk": 4})
    road = valid([*member(), first, late, early_recorded_later, correction])
    levels = domain_levels("y-abc", road, FRAMEWORK, day(10))
    assert levels["eigen-netwerk"] == (
        Rating(day(0), 1, "daan-kuijpers"),
        Rating(day(3), 2, "daan-kuijpers"),
        Rating(day(6), 3, "y-abc"),
        Rating(day(6), 4, "daan-kuijpers"),
    )
    assert levels["inzicht-oorzaken"] == (Rating(day(0), 2, "daan-kuijpers"),)
    assert levels["sociale-vaardigheden"] == ()
    assert set(levels) == set(DOMAINS)
    found = progress("y-abc", road, FRAMEWORK, day(10))
    assert found.latest_levels == {"eigen-netwerk": 4, "inzicht-oorzaken": 2}


def test_another_youth_s_assessments_are_not_theirs() -> None:
    """Levels and scores are made from the youth's own events only."""
    road = valid(
        [
            *member("y-abc"),
            *member("y-def"),
            assessed(day(1), "y-def", levels=ready_levels(5), djg_6=djg(DJG6, 0)),
        ]
    )
    found = progress("y-abc", road, FRAMEWORK, day(2))
    assert found.latest_levels == {}
    assert found.latest_scores == {}
    assert set(domain_levels("y-abc", road, FRAMEWORK, day(2)).values()) == {()}
    assert set(instrument_scores("y-abc", road, FRAMEWORK, day(2)).values()) == {()}
    assert progress("y-def", road, FRAMEWORK, day(2)).ready


def test_distance_to_the_leaving_rule() -> None:
    """Per domain, how many levels below the rule's minimum (4) the latest level is: 0 when
    met, None when never rated; the rule's gaps are the framework's."""
    levels = {
        "positieve-ervaringen": 1,
        "inzicht-oorzaken": 3,
        "realistisch-zelfbeeld": 4,
        "sociale-vaardigheden": 5,
    }
    road = valid([*member(), assessed(day(1), levels=levels, djg_6=djg(DJG6, 1))])
    found = progress("y-abc", road, FRAMEWORK, day(2))
    assert found.distance == {
        "positieve-ervaringen": 3,
        "inzicht-oorzaken": 1,
        "realistisch-zelfbeeld": 0,
        "sociale-vaardigheden": 0,
        "eigen-netwerk": None,
    }
    assert not found.ready
    assert found.gaps == FRAMEWORK.readiness_gaps(found.latest_levels, found.latest_scores)
    assert len(found.gaps) == 3


def test_ready_only_on_the_latest_levels_and_a_complete_unlonely_score() -> None:
    """Every domain at 4 or more and a complete DJG-6 out of the lonely range is ready; a
    later lonelier score or lower level, or a missing answer, is not."""
    fine = djg(DJG6, 0)
    base = [*member(), assessed(day(0), levels=ready_levels(2), djg_6=djg(DJG6, 5))]
    road = valid([*base, assessed(day(12), levels=ready_levels(4), djg_6=fine)])
    found = progress("y-abc", road, FRAMEWORK, day(13))
    assert found.ready
    assert found.gaps == ()
    assert set(found.distance.values()) == {0}
    assert not progress("y-abc", road, FRAMEWORK, day(11)).ready

    lonely = valid([*road, assessed(day(13), djg_6=djg(DJG6, 2))])
    found = progress("y-abc", lonely, FRAMEWORK, day(13))
    assert not found.ready
    assert set(found.distance.values()) == {0}

    lower = valid([*road, assessed(day(13), levels={"eigen-netwerk": 3})])
    found = progress("y-abc", lower, FRAMEWORK, day(13))
    assert (found.ready, found.distance["eigen-netwerk"]) == (False, 1)

    incomplete = dict(fine)
    del incomplete[6]  # still 0 or 1: in the band "niet eenzaam" either way
    gap = valid([*road, assessed(day(13), djg_6=incomplete)])
    found = progress("y-abc", gap, FRAMEWORK, day(13))
    assert found.latest_scores["djg-6"].band == DJG6.bands[0]
    assert not found.ready


def test_change_since_baseline_per_domain() -> None:
    """Latest level minus the first: up, down, 0 with one rating, None when never rated."""
    road = valid(
        [
            *member(),
            assessed(
                day(0),
                levels={"eigen-netwerk": 1, "inzicht-oorzaken": 4, "positieve-ervaringen": 2},
            ),
            assessed(day(6), levels={"eigen-netwerk": 2, "inzicht-oorzaken": 3}),
            assessed(day(12), levels={"eigen-netwerk": 4}),
        ]
    )
    changes = progress("y-abc", road, FRAMEWORK, day(13)).changes
    assert {d: c.change for d, c in changes.items()} == {
        "eigen-netwerk": 3,
        "inzicht-oorzaken": -1,
        "positieve-ervaringen": 0,
        "realistisch-zelfbeeld": None,
        "sociale-vaardigheden": None,
    }
    network = changes["eigen-netwerk"]
    assert network.baseline is not None
    assert network.baseline.date == day(0)
    assert network.latest is not None
    assert network.latest.date == day(12)


def test_change_of_loneliness_category_since_baseline() -> None:
    """Each instrument's first band against its latest: bands moved (negative is less
    lonely), None when either score has no band; an instrument never taken has no entry."""
    open_baseline = djg(DJG6, 1)
    del open_baseline[6]  # 1 or 2: the band is left open
    road = valid(
        [
            *member(),
            assessed(day(0), djg_11=djg(DJG11, 11), djg_6=open_baseline),
            assessed(day(6), djg_11=djg(DJG11, 9), djg_6=djg(DJG6, 3)),
            assessed(day(12), djg_11=djg(DJG11, 5), djg_6=djg(DJG6, 0)),
        ]
    )
    loneliness = progress("y-abc", road, FRAMEWORK, day(13)).loneliness
    assert set(loneliness) == {"djg-11", "djg-6"}
    eleven = loneliness["djg-11"]
    assert eleven.baseline_band is not None
    assert eleven.latest_band is not None
    assert (eleven.baseline_band.label, eleven.latest_band.label, eleven.steps) == (
        "zeer ernstig eenzaam",
        "matig eenzaam",
        -2,
    )
    assert (eleven.baseline.date, eleven.latest.date) == (day(0), day(12))
    assert loneliness["djg-6"].steps is None
    later = progress(
        "y-abc", [*road[:-1], assessed(day(12), djg_6=djg(DJG6, 6))], FRAMEWORK, day(13)
    )
    assert later.loneliness["djg-11"].steps == -1
    assert later.loneliness["djg-6"].steps is None
    one = progress("y-abc", road[:-2], FRAMEWORK, day(13)).loneliness["djg-11"]
    assert (one.steps, one.baseline) == (0, one.latest)


# -- network ---------------------------------------------------------------------------------


def _group_road() -> list[Event]:
    """Two members; a peer tie between them made by abc, then by def; each has an outside
    tie labelled 'oma' (two different people); abc ends the peer tie and a neighbour tie
    before leaving, makes the neighbour tie again after leaving, is followed up, and ends
    the sports club tie after the follow-up."""
    return valid(
        [
            *member("y-abc"),
            *member("y-def"),
            tie_event("y-abc", "y-def", day(2)),
            tie_event("y-def", "y-abc", day(3)),
            tie_event("y-abc", "oma", day(4), TieKind.OUTSIDE),
            tie_event("y-def", "oma", day(4), TieKind.OUTSIDE),
            tie_event("y-abc", "buurman", day(5), TieKind.OUTSIDE),
            tie_event("y-abc", "sportclub", day(6), TieKind.OUTSIDE),
            tie_event("y-abc", "buurman", day(8), TieKind.OUTSIDE, made=False),
            tie_event("y-abc", "y-def", day(10), made=False),
            *leave("y-abc", day(12), followed_up=None),
            tie_event("y-abc", "buurman", day(14), TieKind.OUTSIDE),
            event(EventKind.FOLLOWED_UP, "y-abc", day(24)),
            tie_event("y-abc", "sportclub", day(30), TieKind.OUTSIDE, made=False),
        ]
    )


def test_network_measures_with_a_tie_ended_before_follow_up() -> None:
    """Size now, ties outside, and ties there on the follow-up day: a tie ended before the
    follow-up does not count there, one ended after it still does."""
    road = _group_road()
    abc = network_measures("y-abc", road, day(40))
    assert attrs.astuple(abc) == (2, 0, 2, day(24), 3)  # now: oma, buurman again
    at_follow_up = network_measures("y-abc", road, day(24))
    assert attrs.astuple(at_follow_up) == (3, 0, 3, day(24), 3)  # and sportclub
    assert network_measures("y-abc", road, day(23)).at_follow_up is None
    before = network_measures("y-abc", road, day(9))
    assert attrs.astuple(before) == (3, 1, 2, None, None)  # def, oma, sportclub


def test_a_peer_tie_counts_for_both_youths() -> None:
    """A tie abc made with def is def's too, before def records it; ended by abc it is gone
    for both, though def recorded it as well; two youths' 'oma' are two people."""
    road = _group_road()
    assert attrs.astuple(network_measures("y-def", road, day(2))) == (1, 1, 0, None, None)
    assert attrs.astuple(network_measures("y-def", road, day(9))) == (2, 1, 1, None, None)
    assert attrs.astuple(network_measures("y-def", road, day(10))) == (1, 0, 1, None, None)
    own_only = [e for e in road if e.youth == "y-def"]
    assert network_measures("y-def", own_only, day(10)).peers == 1
    graph = tie_graph(road, day(40))
    assert graph.has_edge(("youth", "y-abc"), ("outside", "y-abc", "oma"))
    assert graph.has_edge(("youth", "y-def"), ("outside", "y-def", "oma"))
    assert graph.edges[("youth", "y-abc"), ("youth", "y-def")]["spans"] == ((day(2), day(10)),)
    assert graph.edges[("youth", "y-abc"), ("outside", "y-abc", "buurman")]["spans"] == (
        (day(5), day(8)),
        (day(14), None),
    )
    assert ties_on(graph, day(9)).degree(("youth", "y-abc")) == 3
    assert ties_on(graph, day(24)).degree(("youth", "y-abc")) == 3
    assert ties_on(graph, day(40)).degree(("youth", "y-abc")) == 2


def test_a_tie_made_and_ended_the_same_day_is_not_there_that_day() -> None:
    """A tie is there on a day after all that day's events, in the order given."""
    made_ended = [
        tie_event("y-abc", "y-def", day(1)),
        tie_event("y-abc", "y-def", day(1), made=False),
    ]
    assert network_measures("y-abc", made_ended, day(1)).size == 0
    ended_made = [
        tie_event("y-abc", "y-def", day(0)),
        tie_event("y-abc", "y-def", day(1), made=False),
        tie_event("y-abc", "y-def", day(1)),
    ]
    assert network_measures("y-abc", ended_made, day(1)).size == 1


def test_ties_are_taken_in_the_order_they_occurred() -> None:
    """A peer's tie-made recorded after the youth ended the tie, but on an earlier day, does
    not bring the tie back; the graph as of a day holds only what happened by then."""
    road = [
        tie_event("y-abc", "y-def", day(2)),
        tie_event("y-abc", "y-def", day(10), made=False),
        tie_event("y-def", "y-abc", day(3)),
    ]
    assert network_measures("y-def", road, day(12)).size == 0
    assert network_measures("y-def", road, day(5)).size == 1
    edge = (("youth", "y-abc"), ("youth", "y-def"))
    assert tie_graph(road, day(12)).edges[edge]["spans"] == ((day(2), day(10)),)
    assert tie_graph(road, day(9)).edges[edge]["spans"] == ((day(2), None),)
    assert not tie_graph(road, day(1)).has_edge(*edge)


def test_a_tie_with_oneself_is_no_tie() -> None:
    """A peer tie naming the youth themselves is left out of the graph."""
    found = network_measures("y-abc", [tie_event("y-abc", "y-abc", day(1))], day(2))
    assert found.size == 0


def test_progress_holds_the_network_of_the_events_given() -> None:
    """progress with the group's events counts the peer's ties; progress_of_all agrees with
    progress for every youth."""
    road = _group_road()
    assert progress("y-def", road, FRAMEWORK, day(9)).network.peers == 1
    everyone = progress_of_all(road, FRAMEWORK, day(40))
    assert list(everyone) == ["y-abc", "y-def"]
    for youth, found in everyone.items():
        assert found == progress(youth, road, FRAMEWORK, day(40))


# -- as of -----------------------------------------------------------------------------------


def _whole_road() -> list[Event]:
    return valid(
        [
            *member("y-abc"),
            *member("y-def"),
            assessed(day(0), levels=ready_levels(2), djg_6=djg(DJG6, 4), ucla_3=ucla(8)),
            tie_event("y-def", "y-abc", day(2)),
            assessed(day(6), levels={"eigen-netwerk": 3}, djg_6=djg(DJG6, 2)),
            tie_event("y-abc", "vriendin", day(7), TieKind.OUTSIDE),
            assessed(day(12), levels=ready_levels(4), djg_6=djg(DJG6, 0), ucla_3=ucla(4)),
            *leave("y-abc", day(13), followed_up=day(25)),
            tie_event("y-def", "y-abc", day(20), made=False),
            assessed(day(25), levels={"eigen-netwerk": 5}, djg_6=djg(DJG6, 1)),
        ]
    )


@pytest.mark.parametrize("week", [-1, 0, 1, 2, 6, 7, 12, 13, 20, 24, 25, 30])
def test_as_of_a_day_is_as_if_later_events_never_happened(week: int) -> None:
    """Progress as of a day equals progress made from only the events that occurred by
    then."""
    road = _whole_road()
    cut = day(week)
    before = [e for e in road if e.occurred <= cut]
    assert progress("y-abc", road, FRAMEWORK, cut) == progress("y-abc", before, FRAMEWORK, cut)
    assert progress_of_all(road, FRAMEWORK, cut) == progress_of_all(before, FRAMEWORK, cut)


def test_as_of_cuts_levels_scores_ties_and_follow_up() -> None:
    """Before the follow-up there is no follow-up count; later assessments and ties are not
    seen; before anything happened nothing is known."""
    road = _whole_road()
    at_six = progress("y-abc", road, FRAMEWORK, day(6))
    assert at_six.latest_levels["eigen-netwerk"] == 3
    assert at_six.latest_scores["djg-6"].total == 2
    assert attrs.astuple(at_six.network) == (1, 1, 0, None, None)
    assert at_six.loneliness["djg-6"].steps == 0  # 4 and 2: both "matig eenzaam"
    at_twelve = progress("y-abc", road, FRAMEWORK, day(12))
    assert at_twelve.ready
    assert at_twelve.changes["eigen-netwerk"].change == 2
    assert at_twelve.loneliness["ucla-3"].steps == -1
    after = progress("y-abc", road, FRAMEWORK, day(25))
    assert attrs.astuple(after.network) == (1, 0, 1, day(25), 1)
    assert after.changes["eigen-netwerk"].change == 3
    nothing = progress("y-abc", road, FRAMEWORK, day(0) - dt.timedelta(days=1))
    assert nothing.latest_levels == {}
    assert nothing.loneliness == {}
    assert set(nothing.distance.values()) == {None}
    assert progress_of_all(road, FRAMEWORK, day(0) - dt.timedelta(days=1)) == {}
