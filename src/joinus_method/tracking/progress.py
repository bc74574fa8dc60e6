"""A youth's progress toward social self-reliance, made from their events.

Pure functions over events (as :meth:`Store.events <joinus_method.tracking.store.Store.events>`
gives them) and a :class:`~joinus_method.model.framework.ProgressFramework`, each computed
*as of* a day: an event that occurred after it is left out, as if it had not happened yet.

- Every questionnaire of an assessment is scored by its instrument's rule
  (:meth:`Instrument.score <joinus_method.model.framework.Instrument.score>`: subscales,
  bands, missing answers, aliases).
- Each domain's levels over time, with who rated them.
- The framework's leaving rule on the latest levels and scores, and how many levels each
  domain still is below it.
- The change since the baseline (the first assessment) per domain and in each instrument's
  band.
- The youth's network from the ties graph of all youths given: a tie a youth made with a peer
  counts for the peer too.

Events are taken in the order they occurred; events of one day keep the order they are given
in (the store gives them in the order they were recorded), so a correction recorded later
the same day is the latest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from joinus_method._repr import shared_repr
from joinus_method.errors import InvalidValue
from joinus_method.messages import Message, msg
from joinus_method.model._rules import Checks
from joinus_method.model.framework import InstrumentScore, ProgressFramework, ScoreBand

from .events import Event, EventKind, Road, TieKind, roads_of

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "DomainChange",
    "LonelinessChange",
    "NetworkMeasures",
    "Progress",
    "ProgressReader",
    "Rating",
    "Scored",
    "domain_levels",
    "instrument_scores",
    "network_measures",
    "progress",
    "progress_of_all",
    "progress_of_roads",
    "tie_graph",
    "ties_on",
]

Node = tuple[str, ...]
"""A person in the ties graph: ``("youth", pseudonym)`` or ``("outside", youth, label)``."""

Answers = tuple[tuple[int, str], ...]
"""Answers to one instrument as an event holds them: (item, answer) pairs."""

_TIES = frozenset({EventKind.TIE_MADE, EventKind.TIE_ENDED})


@attrs.frozen
@shared_repr
class Rating:
    """A domain's level on one day, and who rated it."""

    date: dt.date
    """The day of the assessment."""
    level: int
    """The level on the framework's ladder."""
    rater: str
    """Who rated it."""


@attrs.frozen
@shared_repr
class Scored:
    """An instrument's score from one assessment."""

    date: dt.date
    """The day of the assessment."""
    score: InstrumentScore
    """The score by the instrument's rule."""
    rater: str
    """Who took the assessment."""


@attrs.frozen
@shared_repr
class DomainChange:
    """How a domain's level changed since the baseline."""

    domain: str
    """Id of the domain."""
    baseline: Rating | None
    """The first rating (the baseline); None when the domain was never rated."""
    latest: Rating | None
    """The latest rating; None when the domain was never rated."""

    @property
    def change(self) -> int | None:
        """The latest level minus the baseline's (0 with one rating); None without one."""
        if self.baseline is None or self.latest is None:
            return None
        return self.latest.level - self.baseline.level


@attrs.frozen
@shared_repr
class LonelinessChange:
    """How an instrument's band (its loneliness category) changed since the baseline."""

    instrument: str
    """Id of the instrument."""
    baseline: Scored
    """The first score on it (the baseline)."""
    latest: Scored
    """The latest score on it."""
    steps: int | None
    """How many bands the latest score lies above the baseline's, in the instrument's order
    of bands (lowest totals first, so for these scales a positive number is lonelier and a
    negative one less lonely); None when either score has no band (too many answers
    missing)."""

    @property
    def baseline_band(self) -> ScoreBand | None:
        """The baseline's band, or None when its answers leave it open."""
        return self.baseline.score.band

    @property
    def latest_band(self) -> ScoreBand | None:
        """The latest score's band, or None when its answers leave it open."""
        return self.latest.score.band


@attrs.frozen
@shared_repr
class NetworkMeasures:
    """A youth's own network, from the ties graph."""

    size: int
    """How many ties the youth has (made and not ended), with peers and outside the group."""
    peers: int
    """How many of them are with peers."""
    outside: int
    """How many of them are with people outside the group."""
    followed_up: dt.date | None
    """The day of the youth's follow-up, or None before it."""
    at_follow_up: int | None
    """How many ties the youth had on the day of the follow-up; None before it."""


@attrs.frozen
@shared_repr
class Progress:
    """Where a youth stands on the way to social self-reliance, as of a day."""

    youth: str
    """Pseudonymous id of the youth."""
    as_of: dt.date
    """The day it was made for: later events are left out."""
    levels: Mapping[str, tuple[Rating, ...]]
    """Each domain of the framework → its ratings over time, first first (empty when never
    rated)."""
    scores: Mapping[str, tuple[Scored, ...]]
    """Each instrument of the framework → its scores over time, first first (empty when never
    taken)."""
    gaps: tuple[str, ...]
    """What still keeps the youth from the framework's leaving rule (see
    `ProgressFramework.readiness_gaps`): empty when the youth meets it."""
    distance: Mapping[str, int | None]
    """Each domain → how many levels its latest level lies below the rule's minimum (0 when it
    meets it), or None when it was never rated."""
    changes: Mapping[str, DomainChange]
    """Each domain → its change since the baseline."""
    loneliness: Mapping[str, LonelinessChange]
    """Each instrument taken at least once → the change of its band since the baseline."""
    network: NetworkMeasures
    """The youth's own network."""

    @property
    def latest_levels(self) -> dict[str, int]:
        """Each rated domain → its latest level."""
        return {d: r[-1].level for d, r in self.levels.items() if r}

    @property
    def latest_scores(self) -> dict[str, InstrumentScore]:
        """Each instrument taken → its latest score."""
        return {i: s[-1].score for i, s in self.scores.items() if s}

    @property
    def ready(self) -> bool:
        """Whether the youth meets the framework's leaving rule."""
        return not self.gaps


def domain_levels(
    youth: str, events: Iterable[Event], framework: ProgressFramework, as_of: dt.date
) -> dict[str, tuple[Rating, ...]]:
    """Each domain of *framework* → the levels *youth* was rated on it by *as_of*, in order.

    Only *youth*'s assessments are looked at. A domain the framework does not have or a
    level off its ladder raises `InvalidValue` naming the event.
    """
    c = _checks(youth)
    levels = _levels(c, _assessments(youth, events, as_of), framework, _Shared())
    c.done()
    return levels


def instrument_scores(
    youth: str, events: Iterable[Event], framework: ProgressFramework, as_of: dt.date
) -> dict[str, tuple[Scored, ...]]:
    """Each instrument of *framework* → *youth*'s answers to it by *as_of*, scored by its
    rule, in order.

    Only *youth*'s assessments are looked at. An instrument the framework does not have, or
    answers its rule refuses (an item it does not have, an answer that is not an option),
    raise `InvalidValue` naming the event.
    """
    c = _checks(youth)
    scores = _scores(c, _assessments(youth, events, as_of), framework, _Shared())
    c.done()
    return scores


def tie_graph(events: Iterable[Event], as_of: dt.date) -> nx.Graph[Any]:
    """The ties of every youth in *events* by *as_of*, as an undirected graph.

    Nodes are ``("youth", pseudonym)`` and ``("outside", youth, label)``: a label for someone
    outside the group is the youth's own, so two youths' labels are two people. Each edge
    holds ``kind`` (a `TieKind`) and ``spans``, the periods it was there: ``(made, ended)``
    pairs, ``ended`` None while it lasts. A tie is there on a day after all events of that
    day: a peer tie is one edge whoever recorded it, made by either youth's tie-made and
    ended by either youth's tie-ended. A tie-ended ends the youth's tie with that label,
    peer or outside; a tie with oneself is not a tie and is left out.
    """
    import networkx as nx

    graph: nx.Graph[Any] = nx.Graph()
    chosen = [e for e in events if e.kind in _TIES and e.occurred <= as_of]
    chosen.sort(key=lambda e: e.occurred)
    for event in chosen:
        me: Node = ("youth", event.youth)
        label = event.tie_with or ""
        peer: Node = ("youth", label)
        if event.kind is EventKind.TIE_MADE:
            other = peer if event.tie is TieKind.PEER else ("outside", event.youth, label)
            if other == me:
                continue
            if not graph.has_edge(me, other):
                graph.add_edge(me, other, spans=[])
            data = graph.edges[me, other]
            data["kind"] = event.tie
            spans: list[tuple[dt.date, dt.date | None]] = data["spans"]
            if not spans or spans[-1][1] is not None:
                spans.append((event.occurred, None))
        else:
            for other in (peer, ("outside", event.youth, label)):
                if other != me and graph.has_edge(me, other):
                    spans = graph.edges[me, other]["spans"]
                    if spans[-1][1] is None:
                        spans[-1] = (spans[-1][0], event.occurred)
    for _, _, data in graph.edges(data=True):
        data["spans"] = tuple(data["spans"])
    return graph


def ties_on(graph: nx.Graph[Any], day: dt.date) -> nx.Graph[Any]:
    """A view of *graph* (from `tie_graph`) with only the ties that were there on *day*."""
    import networkx as nx

    def there(u: Node, v: Node) -> bool:
        return _there(graph.edges[u, v]["spans"], day)

    return nx.subgraph_view(graph, filter_edge=there)


def network_measures(youth: str, events: Iterable[Event], as_of: dt.date) -> NetworkMeasures:
    """*youth*'s own network by *as_of*, from the ties graph of every youth in *events*.

    Give the events of the youth's group or of the whole store, so that a tie a peer made with
    the youth counts for the youth too.
    """
    given = list(events)
    return _measures(tie_graph(given, as_of), youth, _followed_up(youth, given, as_of), as_of)


def progress(
    youth: str, events: Iterable[Event], framework: ProgressFramework, as_of: dt.date
) -> Progress:
    """*youth*'s progress by *as_of*, from *events*.

    The levels and scores are made from *youth*'s own events; the network from the ties of
    every youth in *events* (give the group's or the store's events for peer ties made by the
    peer to count). Bad levels and answers raise one `InvalidValue` naming every one (see
    `domain_levels` and `instrument_scores`).
    """
    given = list(events)
    own = [e for e in given if e.youth == youth]
    return _progress(youth, own, framework, as_of, tie_graph(given, as_of), _Shared())


def progress_of_all(
    events: Iterable[Event], framework: ProgressFramework, as_of: dt.date
) -> dict[str, Progress]:
    """The progress by *as_of* of every youth with an event by then, in the order they first
    appear in *events*, with the ties graph built once."""
    given = list(events)
    found = progress_of_roads(roads_of(given), framework, as_of, given)
    return {p.youth: p for p in found}


def progress_of_roads(
    roads: Iterable[Road], framework: ProgressFramework, as_of: dt.date, ties: Iterable[Event]
) -> Iterator[Progress]:
    """The progress by *as_of* of the youth of each of *roads* with an event by then, one
    at a time, as :func:`progress` gives it; *ties* are the tie events of every youth (as
    :meth:`Store.events_of_kinds <joinus_method.tracking.store.Store.events_of_kinds>` reads
    them), so that a tie a peer made counts for the youth too."""
    reader = ProgressReader(framework, as_of, ties)
    for road in roads:
        found = reader(road)
        if found is not None:
            yield found


class ProgressReader:
    """Makes the progress by *as_of* of one road at a time, with the ties graph of *ties*
    (the tie events of every youth) built once."""

    def __init__(self, framework: ProgressFramework, as_of: dt.date, ties: Iterable[Event]) -> None:
        self.framework = framework
        self.as_of = as_of
        self._graph = tie_graph(ties, as_of)
        self._shared = _Shared()

    def __call__(self, road: Road) -> Progress | None:
        """The progress of *road*'s youth, or None when no event of theirs occurred by the
        date."""
        as_of = self.as_of
        own = [e for e in road.events if e.occurred <= as_of]
        if not own and not any(day <= as_of for day, _, _ in road.attendance):
            return None
        return _progress(road.youth, own, self.framework, as_of, self._graph, self._shared)


def _progress(
    youth: str,
    own: Sequence[Event],
    framework: ProgressFramework,
    as_of: dt.date,
    graph: nx.Graph[Any],
    shared: _Shared,
) -> Progress:
    c = _checks(youth)
    assessments = _assessments(youth, own, as_of)
    levels = _levels(c, assessments, framework, shared)
    scores = _scores(c, assessments, framework, shared)
    c.done()
    latest = {d: r[-1].level for d, r in levels.items() if r}
    gaps = shared.gaps(framework, latest, {i: s[-1].score for i, s in scores.items() if s})
    least = framework.ready.min_level
    distance = {d: None if d not in latest else max(0, least - latest[d]) for d in levels}
    changes = {
        d: shared.change(d, r[0] if r else None, r[-1] if r else None) for d, r in levels.items()
    }
    loneliness: dict[str, LonelinessChange] = {}
    for name, scored in scores.items():
        if scored:
            bands = framework.instrument(name).bands
            first, last = scored[0].score.band, scored[-1].score.band
            steps = (
                None if first is None or last is None else bands.index(last) - bands.index(first)
            )
            loneliness[name] = LonelinessChange(name, scored[0], scored[-1], steps)
    network = _measures(graph, youth, _followed_up(youth, own, as_of), as_of)
    return Progress(youth, as_of, levels, scores, gaps, distance, changes, loneliness, network)


class _Shared:
    """What the progress of many youths holds alike, made once and shared (the values are
    immutable): the score of the same answers, the same rating, the same gaps."""

    def __init__(self) -> None:
        self.scores: dict[tuple[str, Answers], InstrumentScore] = {}
        self._ratings: dict[tuple[dt.date, int, str], Rating] = {}
        self._changes: dict[tuple[str, int, int], DomainChange] = {}
        self._scored: dict[tuple[dt.date, int, str], Scored] = {}
        self._gaps: dict[tuple[object, ...], tuple[Message, ...]] = {}

    def rating(self, day: dt.date, level: int, rater: str) -> Rating:
        key = (day, level, rater)
        found = self._ratings.get(key)
        if found is None:
            found = self._ratings[key] = Rating(day, level, rater)
        return found

    # Ratings and scores are shared (the scores of the same answers are one object, kept in
    # ``scores``): their identity stands for their value in the keys below.

    def change(self, domain: str, first: Rating | None, last: Rating | None) -> DomainChange:
        key = (domain, id(first), id(last))
        found = self._changes.get(key)
        if found is None:
            found = self._changes[key] = DomainChange(domain, first, last)
        return found

    def scored(self, day: dt.date, score: InstrumentScore, rater: str) -> Scored:
        key = (day, id(score), rater)
        found = self._scored.get(key)
        if found is None:
            found = self._scored[key] = Scored(day, score, rater)
        return found

    def gaps(
        self,
        framework: ProgressFramework,
        levels: Mapping[str, int],
        scores: Mapping[str, InstrumentScore],
    ) -> tuple[Message, ...]:
        """``framework.readiness_gaps(levels, scores)``, worked out once for equal ones."""
        key = (*levels.items(), *((name, id(score)) for name, score in scores.items()))
        found = self._gaps.get(key)
        if found is None:
            found = self._gaps[key] = framework.readiness_gaps(levels, scores)
        return found


def _checks(youth: str) -> Checks:
    return Checks(msg("assessments of youth {youth!r}", youth=youth))


def _levels(
    c: Checks, assessments: Iterable[Event], framework: ProgressFramework, shared: _Shared
) -> dict[str, tuple[Rating, ...]]:
    """Each domain → its ratings in *assessments*; a bad one is noted in *c* and left out."""
    top = len(framework.levels)
    out: dict[str, list[Rating]] = {d.id: [] for d in framework.domains}
    for event in assessments:
        for domain, level in event.levels:
            ratings = out.get(domain)
            if ratings is not None and 1 <= level <= top:
                ratings.append(shared.rating(event.occurred, level, event.rater or ""))
                continue
            path = ("events", event.id, "levels", domain)
            if c.known(path, domain, out, msg("domain")):
                c.between(path, level, 1, top)
    return {d: tuple(r) for d, r in out.items()}


def _scores(
    c: Checks,
    assessments: Iterable[Event],
    framework: ProgressFramework,
    shared: _Shared,
) -> dict[str, tuple[Scored, ...]]:
    """Each instrument → its scores in *assessments*; bad answers are noted in *c* and left
    out. The same answers score the same: their score is made once, in *shared*."""
    cache = shared.scores
    instruments = {i.id: i for i in framework.instruments}
    out: dict[str, list[Scored]] = {i: [] for i in instruments}
    for event in assessments:
        for name, given in event.answers:
            score = cache.get((name, given))
            if score is None:
                path = ("events", event.id, "answers", name)
                if not c.known(path, name, instruments, msg("instrument")):
                    continue
                try:
                    score = instruments[name].score(dict(given))
                except InvalidValue as error:
                    c.problems.extend(p.at(*path) for p in error.problems)
                    continue
                cache[name, given] = score
            out[name].append(shared.scored(event.occurred, score, event.rater or ""))
    return {i: tuple(s) for i, s in out.items()}


def _assessments(youth: str, events: Iterable[Event], as_of: dt.date) -> list[Event]:
    """*youth*'s assessments by *as_of*, in the order they occurred (stable within a day)."""
    chosen = [
        e
        for e in events
        if e.kind is EventKind.ASSESSED and e.youth == youth and e.occurred <= as_of
    ]
    chosen.sort(key=lambda e: e.occurred)
    return chosen


def _followed_up(youth: str, events: Iterable[Event], as_of: dt.date) -> dt.date | None:
    """The day of *youth*'s latest follow-up by *as_of*, or None."""
    days = [
        e.occurred
        for e in events
        if e.kind is EventKind.FOLLOWED_UP and e.youth == youth and e.occurred <= as_of
    ]
    return max(days, default=None)


def _there(spans: Iterable[tuple[dt.date, dt.date | None]], day: dt.date) -> bool:
    """Whether a tie with these *spans* was there on *day* (after that day's events)."""
    return any(made <= day and (ended is None or day < ended) for made, ended in spans)


def _measures(
    graph: nx.Graph[Any], youth: str, followed_up: dt.date | None, as_of: dt.date
) -> NetworkMeasures:
    node: Node = ("youth", youth)
    ties: list[tuple[TieKind, tuple[tuple[dt.date, dt.date | None], ...]]] = (
        [(data["kind"], data["spans"]) for data in graph.adj[node].values()]
        if node in graph
        else []
    )
    now = [kind for kind, spans in ties if _there(spans, as_of)]
    outside = sum(1 for kind in now if kind is TieKind.OUTSIDE)
    at_follow_up = (
        None if followed_up is None else sum(1 for _, spans in ties if _there(spans, followed_up))
    )
    return NetworkMeasures(len(now), len(now) - outside, outside, followed_up, at_follow_up)
