"""The progress framework: domains of social self-reliance, levels and instruments."""

from __future__ import annotations

import enum
from collections.abc import Mapping

import attrs

from joinus_method._repr import shared_repr
from joinus_method.errors import InvalidValue, Problem, UnknownId
from joinus_method.messages import Message, msg

from ._rules import Checks, field, id_field, text_field

__all__ = [
    "AnswerOption",
    "Domain",
    "Instrument",
    "InstrumentScore",
    "Item",
    "Keying",
    "Level",
    "ProgressFramework",
    "ReadinessRule",
    "ScoreBand",
    "Subscale",
]


class Keying(enum.StrEnum):
    """Which answers of an item point to loneliness."""

    NEGATIVE = "negative"
    """Worded negatively ("I miss ..."): agreeing is the lonely side."""
    POSITIVE = "positive"
    """Worded positively ("I can count on ..."): disagreeing is the lonely side."""


@attrs.frozen
@shared_repr
class Level:
    """A rung of the self-reliance ladder."""

    value: int = field("Number of the level, 1 is lowest.", minimum=1, maximum=10)
    title: str = text_field("Name of the level.")
    description: str = field("What the level looks like.", default="")

    def __attrs_post_init__(self) -> None:
        c = Checks(msg("level")).fields(self)
        c.done()


@attrs.frozen
@shared_repr
class Domain:
    """An area of social self-reliance that is rated on the levels."""

    id: str = id_field("Identifier of the domain, used by goals and ratings.")
    title: str = text_field("Name of the domain.")
    description: str = field("What the domain covers.", default="")
    risk_factors: tuple[str, ...] = field(
        "Known risk factors for loneliness that work in this domain addresses.", default=()
    )

    def __attrs_post_init__(self) -> None:
        c = Checks(msg("domain")).fields(self)
        c.done()


@attrs.frozen
@shared_repr
class AnswerOption:
    """One answer a respondent can give, with the points it scores."""

    id: str = id_field("Identifier of the answer, as recorded.")
    label: str = text_field("Short label of the answer.")
    score_negative: int = field("Points on a negatively keyed item.", minimum=0)
    score_positive: int | None = field(
        "Points on a positively keyed item (needed when the instrument has such items).",
        default=None,
        minimum=0,
    )
    aliases: tuple[str, ...] = field(
        "Other answers, as recorded, that mean this one and score the same: such as 'ja!' "
        "for 'ja' when the questionnaire was answered on the five-point form.",
        default=(),
    )

    def __attrs_post_init__(self) -> None:
        c = Checks(msg("answer option")).fields(self)
        seen = {self.id}
        for index, alias in enumerate(self.aliases):
            if not alias.strip():
                c.fail(("aliases", index), msg("an alias must not be empty"))
            elif alias in seen:
                c.fail(
                    ("aliases", index),
                    msg(
                        "alias {alias!r} is given twice for option {option!r}",
                        alias=alias,
                        option=self.id,
                    ),
                )
            seen.add(alias)
        c.done()

    @property
    def recorded(self) -> tuple[str, ...]:
        """Every answer, as recorded, that means this option: its id, then its aliases."""
        return (self.id, *self.aliases)

    def points(self, keyed: Keying) -> int:
        """The points this answer scores on an item keyed *keyed*."""
        if keyed is Keying.POSITIVE:
            assert self.score_positive is not None
            return self.score_positive
        return self.score_negative


@attrs.frozen
@shared_repr
class Item:
    """One question of an instrument, by number and a short label of our own."""

    number: int = field("Number of the item, from 1.", minimum=1)
    label: str = text_field("Short label of what the item asks (not the published wording).")
    keyed: Keying = field("Whether the item is worded negatively or positively.")
    subscale: str | None = field("Id of the subscale the item belongs to.", default=None)
    wording: str = field("The full wording, when the user has the rights to it.", default="")

    def __attrs_post_init__(self) -> None:
        c = Checks(msg("item")).fields(self)
        c.done()


@attrs.frozen
@shared_repr
class Subscale:
    """A part of an instrument scored on its own."""

    id: str = id_field("Identifier of the subscale.")
    title: str = text_field("Name of the subscale.")
    max_missing: int = field(
        "How many of its items may be unanswered and still give a score.",
        default=0,
        minimum=0,
    )

    def __attrs_post_init__(self) -> None:
        c = Checks(msg("subscale")).fields(self)
        c.done()


@attrs.frozen
@shared_repr
class ScoreBand:
    """A range of total scores with its meaning."""

    min: int = field("Lowest total in the band.", minimum=0)
    max: int = field("Highest total in the band.", minimum=0)
    label: str = text_field("What a total in this band means.")
    lonely: bool = field("Whether a total in this band counts as lonely.")

    def __attrs_post_init__(self) -> None:
        c = Checks(msg("score band")).fields(self)
        c.that(
            self.max >= self.min,
            ("max",),
            msg("max {max} is below min {min}", max=self.max, min=self.min),
        )
        c.done()


@attrs.frozen
@shared_repr
class InstrumentScore:
    """The score of one completed instrument (see `Instrument.score` for the rule)."""

    instrument: str
    """Id of the instrument."""
    total: int | None
    """Sum of the answered items' points; None when too many items are missing."""
    band: ScoreBand | None
    """The band of every total the missing answers could give; None when they could change
    it, or when there is no total."""
    subscales: Mapping[str, int | None]
    """Sum of the answered points of each subscale; None when too many of its items are
    missing."""
    missing: int
    """How many items are unanswered."""
    total_range: tuple[int, int] | None = None
    """The lowest and highest total once the missing items are answered: ``(total, total)``
    when nothing is missing, None when there is no total."""

    def __attrs_post_init__(self) -> None:
        Checks(msg("instrument score")).fields(self).done()

    @property
    def lonely(self) -> bool | None:
        """Whether the total counts as lonely; None when there is no band."""
        return None if self.band is None else self.band.lonely

    @property
    def complete(self) -> bool:
        """Whether every item is answered."""
        return self.missing == 0


@attrs.frozen
@shared_repr
class Instrument:
    """A questionnaire defined by its structure and scoring rule."""

    id: str = id_field("Identifier of the instrument.")
    title: str = text_field("Name of the instrument.")
    options: tuple[AnswerOption, ...] = field("The answers a respondent can choose from.")
    items: tuple[Item, ...] = field("The items, numbered from 1.")
    bands: tuple[ScoreBand, ...] = field("The meaning of each range of totals, in order.")
    subscales: tuple[Subscale, ...] = field("Parts scored on their own.", default=())
    max_missing: int = field(
        "How many items may be unanswered and still give a total.", default=0, minimum=0
    )
    description: str = field("Where the instrument comes from and what it measures.", default="")
    source: str = field(
        "The publications its items, scoring, cut-offs and missing-answer rule come from, or, "
        "for a number the project chose itself, that choice and its reason.",
        default="",
    )

    def __attrs_post_init__(self) -> None:
        c = Checks(msg("instrument")).fields(self)
        c.that(bool(self.options), ("options",), msg("an instrument needs answer options"))
        c.that(bool(self.items), ("items",), msg("an instrument needs items"))
        c.unique("options", self.options, lambda o: o.id)
        self._check_aliases(c)
        subscales = c.unique("subscales", self.subscales, lambda s: s.id)
        c.unique("items", self.items, lambda i: i.number, "number")
        for index, item in enumerate(self.items):
            c.that(
                item.number == index + 1,
                ("items", index, "number"),
                msg(
                    "items are numbered 1, 2, 3, ... in order: expected {number}", number=index + 1
                ),
            )
            if item.subscale is not None:
                c.known(("items", index, "subscale"), item.subscale, subscales, msg("subscale"))
        if any(i.keyed is Keying.POSITIVE for i in self.items):
            for index, option in enumerate(self.options):
                c.that(
                    option.score_positive is not None,
                    ("options", index),
                    msg(
                        "option {option!r} needs score_positive: the instrument has "
                        "positively keyed items",
                        option=option.id,
                    ),
                )
        if self.items:
            # A total or a subscale score must rest on at least one answer.
            c.that(
                self.max_missing < len(self.items),
                ("max_missing",),
                msg(
                    "max_missing {max_missing} must be below the number of items "
                    "({count}): a total needs at least one answered item",
                    max_missing=self.max_missing,
                    count=len(self.items),
                ),
            )
        for index, sub in enumerate(self.subscales):
            count = sum(1 for i in self.items if i.subscale == sub.id)
            if count == 0:
                c.fail(
                    ("subscales", index),
                    msg("no item belongs to subscale {subscale!r}", subscale=sub.id),
                )
            else:
                c.that(
                    sub.max_missing < count,
                    ("subscales", index, "max_missing"),
                    msg(
                        "max_missing {max_missing} must be below the number of items of "
                        "subscale {subscale!r} ({count}): its score needs at least one answered "
                        "item",
                        max_missing=sub.max_missing,
                        subscale=sub.id,
                        count=count,
                    ),
                )
        if not c.problems:
            self._check_bands(c)
        c.done()

    def _check_aliases(self, c: Checks) -> None:
        """An alias may not stand for two options, nor be another option's id."""
        owner = {o.id: o.id for o in self.options}
        for index, option in enumerate(self.options):
            for place, alias in enumerate(option.aliases):
                other = owner.get(alias)
                if other is not None and other != option.id:
                    c.fail(
                        ("options", index, "aliases", place),
                        msg(
                            "alias {alias!r} of option {option!r} already stands for option "
                            "{other!r}",
                            alias=alias,
                            option=option.id,
                            other=other,
                        ),
                    )
                else:
                    owner[alias] = option.id

    def _check_bands(self, c: Checks) -> None:
        low, high = self.score_range
        expected = low
        for index, band in enumerate(self.bands):
            c.that(
                band.min == expected,
                ("bands", index, "min"),
                msg(
                    "bands must follow each other without gaps or overlaps: expected min {min}",
                    min=expected,
                ),
            )
            expected = band.max + 1
        c.that(
            expected == high + 1,
            ("bands",),
            msg("bands must cover every total from {low} to {high}", low=low, high=high),
        )

    def _item_points(self, item: Item) -> list[int]:
        return [o.points(item.keyed) for o in self.options]

    @property
    def score_range(self) -> tuple[int, int]:
        """The lowest and highest total a fully answered instrument can have."""
        low = high = 0
        for item in self.items:
            points = self._item_points(item)
            low += min(points)
            high += max(points)
        return low, high

    def band_for(self, total: int) -> ScoreBand | None:
        """The band that holds *total*; None when no band does."""
        for band in self.bands:
            if band.min <= total <= band.max:
                return band
        return None

    @property
    def answers(self) -> Mapping[str, AnswerOption]:
        """Every answer as it may be recorded (an option's id or one of its aliases) → the
        option it means."""
        return {answer: o for o in self.options for answer in o.recorded}

    def score(self, answers: Mapping[int, str | None]) -> InstrumentScore:
        """Score *answers* (item number → answer, None or absent when unanswered).

        An answer is an option's id or one of its aliases, which scores as the option: a
        list answered on a five-point form ('ja!', 'ja', ...) scores as on the three-point
        form when the options name the extra answers as aliases.

        The rule, with up to ``max_missing`` items unanswered:

        - ``total`` is the sum of the answered items' points (a missing item adds nothing,
          even when every answer scores at least 1); it is None when more items are missing
          than ``max_missing`` allows.
        - ``total_range`` is the lowest and highest total the instrument could have once
          the missing items are answered, each missing item scoring its lowest or its
          highest points: ``(total, total)`` when nothing is missing.
        - ``band`` is given only when every total in ``total_range`` lies in the same band;
          when the missing answers could move the total to another band there is no
          category and ``band`` (and so ``lonely``) is None.

        Each subscale's score is the sum of its answered items' points, or None when more
        of its items are missing than its ``max_missing`` allows. An item number that is not
        a whole number (such as ``"3"`` read from a CSV or JSON file) or lies outside the
        instrument, or an answer that is not an option, raises `InvalidValue` naming the
        item.
        """
        options = self.answers
        problems: list[Problem] = []
        numbers: list[int] = []
        for number in answers:
            if isinstance(number, bool) or not isinstance(number, int):
                problems.append(Problem(_not_an_item_number(number), (str(number),)))
            elif not 1 <= number <= len(self.items):
                problems.append(
                    Problem(
                        msg(
                            "no item {number} in instrument {instrument!r}",
                            number=number,
                            instrument=self.id,
                        ),
                        (number,),
                    )
                )
            else:
                numbers.append(number)
        for number in numbers:
            answer = answers[number]
            if answer is not None and (not isinstance(answer, str) or answer not in options):
                problems.append(
                    Problem(
                        msg(
                            "unknown answer {answer!r} to item {number}",
                            answer=answer,
                            number=number,
                        ),
                        (number,),
                    )
                )
        if problems:
            raise InvalidValue(msg("answers to {instrument}", instrument=self.id), problems)
        points: dict[int, int] = {}
        low_missing = high_missing = 0
        for item in self.items:
            answer = answers.get(item.number)
            if answer is None:
                possible = self._item_points(item)
                low_missing += min(possible)
                high_missing += max(possible)
            else:
                points[item.number] = options[answer].points(item.keyed)
        missing = len(self.items) - len(points)
        total = sum(points.values()) if missing <= self.max_missing else None
        total_range = None
        band = None
        if total is not None:
            total_range = (total + low_missing, total + high_missing)
            # Bands follow each other without gaps, so one band at both ends holds every
            # total in between.
            lowest, highest = (self.band_for(t) for t in total_range)
            band = lowest if lowest == highest else None
        subscales: dict[str, int | None] = {}
        for sub in self.subscales:
            numbers = [i.number for i in self.items if i.subscale == sub.id]
            answered = [points[n] for n in numbers if n in points]
            subscales[sub.id] = (
                sum(answered) if len(numbers) - len(answered) <= sub.max_missing else None
            )
        return InstrumentScore(self.id, total, band, subscales, missing, total_range)


def _not_an_item_number(number: object) -> Message:
    """Why *number* is refused as an item number: said with the number it may stand for,
    when it is text holding one."""
    if isinstance(number, str) and number.strip().isdecimal():
        return msg(
            "item number {number!r} is text: give it as the whole number {value}",
            number=number,
            value=int(number),
        )
    return msg("item number {number!r} is not a whole number", number=number)


@attrs.frozen
@shared_repr
class ReadinessRule:
    """When a youth counts as self-reliant enough to leave the group.

    Every domain is rated ``min_level`` or higher, and the latest score on each of
    ``instruments`` is complete (every item answered) with a total outside the lonely
    bands. A score with a missing answer never meets the rule, whatever totals the missing
    answer could give: leaving rests on a full measurement.
    """

    min_level: int = field("Every domain rated at this level or higher.", minimum=1)
    instruments: tuple[str, ...] = field(
        "Instruments whose latest score must be complete (every item answered) with a total "
        "outside the lonely bands; a score with a missing answer never meets the rule.",
        default=(),
    )
    description: str = field("The rule in words.", default="")
    source: str = field(
        "Where the rule and its numbers come from: publications, or the project's own "
        "choice and its reason.",
        default="",
    )

    def __attrs_post_init__(self) -> None:
        Checks(msg("readiness rule")).fields(self).done()


@attrs.frozen
@shared_repr
class ProgressFramework:
    """The domains of social self-reliance, their levels, instruments and leaving rule."""

    id: str = id_field("Identifier of the framework, used by curricula.")
    title: str = text_field("Name of the framework.")
    levels: tuple[Level, ...] = field("The self-reliance ladder, lowest first.")
    domains: tuple[Domain, ...] = field("The domains rated on the ladder.")
    ready: ReadinessRule = field("When a youth is self-reliant enough.")
    instruments: tuple[Instrument, ...] = field("Questionnaires and their scoring.", default=())
    evaluation_weeks: int = field(
        "Weeks between two evaluations of a youth.", default=12, minimum=1, maximum=52
    )
    talk_minutes: int = field(
        "Minutes of one one-to-one talk, such as an evaluation: a one-to-one segment of an "
        "evening holds its minutes over this many talks.",
        default=15,
        minimum=5,
        maximum=120,
    )
    intake_weeks: int = field(
        "Weeks before a youth's first group evening that the intake is held, a meeting of "
        "its own at which the baseline is taken; founding members have it in the weeks "
        "before the group starts.",
        default=1,
        minimum=1,
        maximum=8,
    )
    description: str = field("What the framework is.", default="")
    source: str = field(
        "Where the ladder, the domains and the timings come from: publications, or the "
        "project's own choice and its reason.",
        default="",
    )

    def __attrs_post_init__(self) -> None:
        c = Checks(msg("progress framework")).fields(self)
        c.that(len(self.levels) >= 2, ("levels",), msg("a ladder needs at least two levels"))
        c.that(bool(self.domains), ("domains",), msg("a framework needs at least one domain"))
        c.unique("levels", self.levels, lambda lv: lv.value, "value")
        for index, level in enumerate(self.levels):
            c.that(
                level.value == index + 1,
                ("levels", index, "value"),
                msg("levels are numbered 1, 2, 3, ... in order: expected {value}", value=index + 1),
            )
        c.unique("domains", self.domains, lambda d: d.id)
        instruments = c.unique("instruments", self.instruments, lambda i: i.id)
        c.between(("ready", "min_level"), self.ready.min_level, 1, max(len(self.levels), 1))
        for index, name in enumerate(self.ready.instruments):
            c.known(("ready", "instruments", index), name, instruments, msg("instrument"))
        c.done()

    @property
    def domain_ids(self) -> frozenset[str]:
        """The ids of the framework's domains."""
        return frozenset(d.id for d in self.domains)

    def instrument(self, instrument_id: str) -> Instrument:
        """The instrument with id *instrument_id*."""
        for instrument in self.instruments:
            if instrument.id == instrument_id:
                return instrument
        raise UnknownId(msg("instrument"), instrument_id)

    def readiness_gaps(
        self, levels: Mapping[str, int], scores: Mapping[str, InstrumentScore]
    ) -> tuple[Message, ...]:
        """What still keeps a youth from the leaving rule (``ready``): empty when the youth
        meets it.

        *levels* holds the latest level of each domain (domain id → level) and *scores* the
        latest score on each instrument (instrument id → score); scores on instruments the
        rule does not name are not looked at. A domain without a level, a level below
        ``ready.min_level``, a named instrument without a score, a score with any item
        unanswered, and a total in a lonely band (or in no band) are each a gap, domains
        first, in the framework's order. An unknown domain or instrument, a level that is
        not a whole number on the ladder, or a score filed under another instrument's id
        raises `InvalidValue`.
        """
        self._check_progress(levels, scores)
        gaps: list[Message] = []
        least = self.ready.min_level
        for domain in self.domains:
            level = levels.get(domain.id)
            if level is None:
                gaps.append(msg("domain {domain!r} has no level yet", domain=domain.id))
            elif level < least:
                gaps.append(
                    msg(
                        "domain {domain!r} is at level {level}: leaving needs level {least} "
                        "or higher",
                        domain=domain.id,
                        level=level,
                        least=least,
                    )
                )
        for name in self.ready.instruments:
            score = scores.get(name)
            if score is None:
                gaps.append(msg("no score on {instrument!r} yet", instrument=name))
            elif not score.complete:
                gaps.append(
                    msg(
                        "the latest score on {instrument!r} is incomplete ({missing} of "
                        "{count} items unanswered): leaving needs every item answered",
                        instrument=name,
                        missing=score.missing,
                        count=len(self.instrument(name).items),
                    )
                )
            elif score.band is None:
                gaps.append(msg("the latest score on {instrument!r} has no band", instrument=name))
            elif score.band.lonely:
                gaps.append(
                    msg(
                        "the latest score on {instrument!r} is {total}, in the band "
                        "{band!r}, which counts as lonely",
                        instrument=name,
                        total=score.total,
                        band=score.band.label,
                    )
                )
        return tuple(gaps)

    def is_ready(self, levels: Mapping[str, int], scores: Mapping[str, InstrumentScore]) -> bool:
        """Whether a youth with these latest *levels* and *scores* meets the leaving rule
        (see `readiness_gaps`)."""
        return not self.readiness_gaps(levels, scores)

    def _check_progress(
        self, levels: Mapping[str, int], scores: Mapping[str, InstrumentScore]
    ) -> None:
        c = Checks(msg("levels and scores"))
        domains = self.domain_ids
        top = len(self.levels)
        for domain, level in levels.items():
            if domain in domains and type(level) is int and 1 <= level <= top:
                continue  # the common case, without making the messages of a problem
            path = ("levels", str(domain))
            if not c.known(path, str(domain), domains, msg("domain")):
                continue
            if isinstance(level, bool) or not isinstance(level, int):
                c.fail(
                    path,
                    msg(
                        "level {level!r} of domain {domain!r} is not a whole number",
                        level=level,
                        domain=domain,
                    ),
                )
            else:
                c.between(path, level, 1, top)
        instruments = {i.id for i in self.instruments}
        for name, score in scores.items():
            if name in instruments and score.instrument == name:
                continue
            path = ("scores", str(name))
            if c.known(path, str(name), instruments, msg("instrument")):
                c.that(
                    score.instrument == name,
                    path,
                    msg(
                        "the score filed under {instrument!r} is a score on {other!r}",
                        instrument=name,
                        other=score.instrument,
                    ),
                )
        c.done()
