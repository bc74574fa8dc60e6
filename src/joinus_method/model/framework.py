"""The progress framework: domains of social self-reliance, levels and instruments."""

from __future__ import annotations

import enum
from collections.abc import Mapping

import attrs

from joinus_method.errors import InvalidValue, Problem, UnknownId
from joinus_method.messages import msg

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
class Level:
    """A rung of the self-reliance ladder."""

    value: int = field("Number of the level, 1 is lowest.", minimum=1, maximum=10)
    title: str = text_field("Name of the level.")
    description: str = field("What the level looks like.", default="")

    def __attrs_post_init__(self) -> None:
        c = Checks(msg("level")).fields(self)
        c.done()


@attrs.frozen
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

    def __attrs_post_init__(self) -> None:
        c = Checks(msg("answer option")).fields(self)
        c.done()

    def points(self, keyed: Keying) -> int:
        """The points this answer scores on an item keyed *keyed*."""
        if keyed is Keying.POSITIVE:
            assert self.score_positive is not None
            return self.score_positive
        return self.score_negative


@attrs.frozen
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


@attrs.frozen
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

    def __attrs_post_init__(self) -> None:
        c = Checks(msg("instrument")).fields(self)
        c.that(bool(self.options), ("options",), msg("an instrument needs answer options"))
        c.that(bool(self.items), ("items",), msg("an instrument needs items"))
        c.unique("options", self.options, lambda o: o.id)
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

    def score(self, answers: Mapping[int, str | None]) -> InstrumentScore:
        """Score *answers* (item number → option id, None or absent when unanswered).

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
        of its items are missing than its ``max_missing`` allows. An item number outside
        the instrument, or an answer that is not an option, raises `InvalidValue`.
        """
        options = {o.id: o for o in self.options}
        problems = [
            Problem(
                msg(
                    "no item {number} in instrument {instrument!r}",
                    number=number,
                    instrument=self.id,
                ),
                (number,),
            )
            for number in answers
            if not 1 <= number <= len(self.items)
        ]
        problems += [
            Problem(
                msg("unknown answer {answer!r} to item {number}", answer=answer, number=number),
                (number,),
            )
            for number, answer in answers.items()
            if answer is not None and answer not in options
        ]
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


@attrs.frozen
class ReadinessRule:
    """When a youth counts as self-reliant enough to leave the group."""

    min_level: int = field("Every domain rated at this level or higher.", minimum=1)
    instruments: tuple[str, ...] = field(
        "Instruments whose latest total must lie outside the lonely bands.", default=()
    )
    description: str = field("The rule in words.", default="")

    def __attrs_post_init__(self) -> None:
        Checks(msg("readiness rule")).fields(self).done()


@attrs.frozen
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
    description: str = field("What the framework is.", default="")

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
