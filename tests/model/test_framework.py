"""The progress framework and the scoring of its instruments."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from joinus_method import (
    AnswerOption,
    Domain,
    Instrument,
    InstrumentScore,
    InvalidValue,
    Item,
    Keying,
    Level,
    ProgressFramework,
    ReadinessRule,
    ScoreBand,
    Subscale,
    UnknownId,
)
from tests.seed import FRAMEWORK
from tests.strategies import instruments

DJG11 = FRAMEWORK.instrument("djg-11")
DJG6 = FRAMEWORK.instrument("djg-6")
UCLA3 = FRAMEWORK.instrument("ucla-3")
UCLA3_ONE_MISSING = attrs.evolve(UCLA3, max_missing=1)
"""The UCLA-3 structure (1 to 3 points an item) with one item allowed to be missing."""

BANDS = {
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
"""The bands of the bundled instruments as their descriptions state them: min, max, label,
lonely."""

BOUNDARIES = [
    pytest.param(instrument, total, band, id=f"{instrument}-{total}")
    for instrument, bands in BANDS.items()
    for band in bands
    for total in sorted({band[0], band[1]})
]


def _points(option: AnswerOption, item: Item) -> int:
    """The points *option* scores on *item*, read from the option's two scores by keying."""
    score = option.score_positive if item.keyed is Keying.POSITIVE else option.score_negative
    assert score is not None
    return score


def _answers_totalling(instrument: Instrument, total: int) -> dict[int, str]:
    """A complete answer set to *instrument* whose points add up to *total*."""
    items = instrument.items
    reach = [[_points(o, item) for o in instrument.options] for item in items]
    # What the items from index i onwards can add at least and at most.
    least = [sum(min(r) for r in reach[i:]) for i in range(len(items) + 1)]
    most = [sum(max(r) for r in reach[i:]) for i in range(len(items) + 1)]

    def search(index: int, left: int) -> dict[int, str] | None:
        if not least[index] <= left <= most[index]:
            return None
        if index == len(items):
            return {}
        for option in instrument.options:
            rest = search(index + 1, left - _points(option, items[index]))
            if rest is not None:
                return {items[index].number: option.id, **rest}
        return None

    found = search(0, total)
    assert found is not None, f"no answer set to {instrument.id} totals {total}"
    return found


def _band(band: ScoreBand | None) -> tuple[int, int, str, bool] | None:
    """*band* as (min, max, label, lonely); None for no band."""
    if band is None:
        return None
    return (band.min, band.max, band.label, band.lonely)


def test_bundled_framework_shape() -> None:
    """Four sub-goals plus the own network, on a five-level ladder; ready at level 4."""
    assert [lv.value for lv in FRAMEWORK.levels] == [1, 2, 3, 4, 5]
    assert FRAMEWORK.domain_ids == {
        "positieve-ervaringen",
        "inzicht-oorzaken",
        "realistisch-zelfbeeld",
        "sociale-vaardigheden",
        "eigen-netwerk",
    }
    assert FRAMEWORK.ready.min_level == 4
    assert FRAMEWORK.evaluation_weeks == 12


def test_instruments_carry_no_published_wording() -> None:
    """Items have short labels of our own and no wording."""
    for instrument in FRAMEWORK.instruments:
        for item in instrument.items:
            assert item.wording == ""
            assert len(item.label) <= 60


def test_djg11_structure() -> None:
    """Five positive social items and six negative emotional items, scored 0-11."""
    keyed = [i.keyed for i in DJG11.items]
    assert keyed.count(Keying.POSITIVE) == 5
    assert keyed.count(Keying.NEGATIVE) == 6
    assert DJG11.score_range == (0, 11)


def test_djg11_more_or_less_always_scores() -> None:
    """'More or less' scores 1 on every item: total 11, very severely lonely."""
    score = DJG11.score(dict.fromkeys(range(1, 12), "min-of-meer"))
    assert score.total == 11
    assert score.band is not None
    assert score.band.lonely


def test_djg11_lonely_side() -> None:
    """'Yes' scores on negative items and 'no' on positive items."""
    answers = {i.number: ("ja" if i.keyed is Keying.NEGATIVE else "nee") for i in DJG11.items}
    assert DJG11.score(answers).total == 11
    answers = {i.number: ("nee" if i.keyed is Keying.NEGATIVE else "ja") for i in DJG11.items}
    score = DJG11.score(answers)
    assert score.total == 0
    assert score.lonely is False
    assert score.subscales == {"emotioneel": 0, "sociaal": 0}


@pytest.mark.parametrize(
    ("lonely_items", "middle_items", "label"),
    [
        (0, 0, "niet eenzaam"),
        (2, 0, "niet eenzaam"),
        (1, 2, "matig eenzaam"),
        (3, 0, "matig eenzaam"),
        (8, 0, "matig eenzaam"),
        (4, 5, "ernstig eenzaam"),
        (10, 0, "ernstig eenzaam"),
        (11, 0, "zeer ernstig eenzaam"),
        (0, 11, "zeer ernstig eenzaam"),
    ],
)
def test_djg11_bands(lonely_items: int, middle_items: int, label: str) -> None:
    """0-2 not lonely, 3-8 moderately, 9-10 severely, 11 very severely, scored from answers."""
    lonely_side = {Keying.NEGATIVE: "ja", Keying.POSITIVE: "nee"}
    other_side = {Keying.NEGATIVE: "nee", Keying.POSITIVE: "ja"}
    answers = {}
    for index, item in enumerate(DJG11.items):
        if index < lonely_items:
            answers[item.number] = lonely_side[item.keyed]
        elif index < lonely_items + middle_items:
            answers[item.number] = "min-of-meer"
        else:
            answers[item.number] = other_side[item.keyed]
    score = DJG11.score(answers)
    assert score.total == lonely_items + middle_items
    assert score.band is not None
    assert score.band.label == label
    assert score.lonely is (label != "niet eenzaam")


def test_djg6_missing_items() -> None:
    """One missing item still gives a total but no subscale of its own; two give no total."""
    full = dict.fromkeys(range(1, 7), "min-of-meer")
    assert DJG6.score(full).total == 6
    one_missing = {**full, 1: None}
    score = DJG6.score(one_missing)
    assert score.total == 5
    assert score.missing == 1
    emotional = DJG6.items[0].subscale
    assert emotional is not None
    assert score.subscales[emotional] is None
    assert DJG6.score({**one_missing, 6: None}).total is None


def test_djg6_bands() -> None:
    """0-1 not lonely, 2-4 moderately, 5-6 severely."""
    assert [(b.min, b.max, b.lonely) for b in DJG6.bands] == [
        (0, 1, False),
        (2, 4, True),
        (5, 6, True),
    ]


def test_ucla3() -> None:
    """Three items of 1 to 3 points; 6 or more counts as lonely."""
    assert UCLA3.score_range == (3, 9)
    assert UCLA3.score({1: "soms", 2: "soms", 3: "bijna-nooit"}).lonely is False
    assert UCLA3.score({1: "soms", 2: "soms", 3: "soms"}).lonely is True


def test_unknown_answers_are_refused() -> None:
    """An answer that is not an option, or an item that does not exist, is an error."""
    with pytest.raises(InvalidValue) as caught:
        UCLA3.score({1: "altijd", 9: "soms"})
    assert len(caught.value.problems) == 2


def test_bands_must_cover_every_total() -> None:
    """Bands with a gap or stopping short cannot be built."""
    options = (AnswerOption("ja", "ja", 1), AnswerOption("nee", "nee", 0))
    items = (Item(1, "a", Keying.NEGATIVE), Item(2, "b", Keying.NEGATIVE))
    with pytest.raises(InvalidValue, match="cover every total from 0 to 2"):
        Instrument("x", "X", options, items, (ScoreBand(0, 1, "laag", False),))


def test_positive_items_need_positive_scores() -> None:
    """Positively keyed items need every option to say what it scores on them."""
    options = (AnswerOption("ja", "ja", 1), AnswerOption("nee", "nee", 0))
    items = (Item(1, "a", Keying.POSITIVE),)
    with pytest.raises(InvalidValue, match="needs score_positive"):
        Instrument("x", "X", options, items, (ScoreBand(0, 1, "laag", False),))


@given(instruments(), st.data())
def test_every_complete_answer_set_has_a_band(instrument: Instrument, data: st.DataObject) -> None:
    """A fully answered instrument always scores inside its range and one band."""
    answers = {
        item.number: data.draw(st.sampled_from([o.id for o in instrument.options]))
        for item in instrument.items
    }
    score = instrument.score(answers)
    low, high = instrument.score_range
    assert score.total is not None
    assert low <= score.total <= high
    assert score.total_range == (score.total, score.total)
    assert score.band is not None
    assert score.band.min <= score.total <= score.band.max


def test_band_table_is_the_bundled_bands() -> None:
    """The band table names every band of every bundled instrument, in order."""
    assert {i.id: [_band(b) for b in i.bands] for i in FRAMEWORK.instruments} == BANDS


@pytest.mark.parametrize(("instrument_id", "total", "band"), BOUNDARIES)
def test_every_band_boundary_scores_into_its_band(
    instrument_id: str, total: int, band: tuple[int, int, str, bool]
) -> None:
    """An answer set totalling a band's min or max scores that total, in that band."""
    instrument = FRAMEWORK.instrument(instrument_id)
    score = instrument.score(_answers_totalling(instrument, total))
    assert score.total == total
    assert score.missing == 0
    assert _band(score.band) == band
    assert score.lonely is band[3]


@pytest.mark.parametrize("instrument", FRAMEWORK.instruments, ids=lambda i: i.id)
def test_no_band_outside_the_range(instrument: Instrument) -> None:
    """A total below or above every band has no band, and asking does not raise."""
    low, high = instrument.score_range
    assert instrument.band_for(low - 1) is None
    assert instrument.band_for(high + 1) is None
    assert instrument.band_for(low) == instrument.bands[0]
    assert instrument.band_for(high) == instrument.bands[-1]


@pytest.mark.parametrize(
    ("instrument", "present"),
    [
        (DJG6, {2: "ja", 3: "ja", 4: "nee", 5: "min-of-meer", 6: "ja"}),
        (UCLA3_ONE_MISSING, {2: "vaak", 3: "soms"}),
    ],
    ids=["djg-6", "ucla-3-one-missing"],
)
def test_absent_answers_count_as_none(instrument: Instrument, present: Mapping[int, str]) -> None:
    """An item left out of the answers is missing exactly like an item answered None."""
    absent = instrument.score(present)
    assert absent == instrument.score({**present, 1: None})
    assert absent.missing == 1
    assert absent.total is not None
    two_absent = dict(present)
    del two_absent[2]
    assert instrument.score(two_absent) == instrument.score({**two_absent, 1: None, 2: None})
    assert instrument.score(two_absent).missing == 2
    assert instrument.score(two_absent).total is None
    assert instrument.score({}).missing == len(instrument.items)


@pytest.mark.parametrize("instrument", FRAMEWORK.instruments, ids=lambda i: i.id)
def test_item_numbers_outside_the_items_are_refused(instrument: Instrument) -> None:
    """Item 0 and the item after the last are refused; the last item is answered."""
    full = _answers_totalling(instrument, instrument.score_range[0])
    last = len(instrument.items)
    for wrong in (0, last + 1):
        with pytest.raises(InvalidValue) as caught:
            instrument.score({**full, wrong: instrument.options[0].id})
        assert [p.path for p in caught.value.problems] == [(wrong,)]
    assert instrument.score(full).missing == 0
    assert last in full


def _negative_items(count: int, subscale: str | None = None) -> tuple[Item, ...]:
    return tuple(Item(n, f"item {n}", Keying.NEGATIVE, subscale) for n in range(1, count + 1))


YES_NO = (AnswerOption("ja", "ja", 1), AnswerOption("nee", "nee", 0))


@pytest.mark.parametrize("count", [1, 3])
def test_every_item_missing_is_refused(count: int) -> None:
    """An instrument whose max_missing lets every item go unanswered cannot be built."""
    bands = (ScoreBand(0, count, "alles", False),)
    Instrument("x", "X", YES_NO, _negative_items(count), bands, max_missing=count - 1)
    for too_many in (count, count + 1):
        with pytest.raises(InvalidValue) as caught:
            Instrument("x", "X", YES_NO, _negative_items(count), bands, max_missing=too_many)
        assert [p.path for p in caught.value.problems] == [("max_missing",)]


def test_every_subscale_item_missing_is_refused() -> None:
    """A subscale that lets all its items go unanswered, or that has no items, is refused."""
    bands = (ScoreBand(0, 3, "alles", False),)
    items = _negative_items(3, "a")

    def build(*subscales: Subscale) -> Instrument:
        return Instrument("x", "X", YES_NO, items, bands, subscales=subscales)

    assert build(Subscale("a", "A", max_missing=2)).score({1: "ja"}).subscales == {"a": 1}
    with pytest.raises(InvalidValue) as caught:
        build(Subscale("a", "A", max_missing=3))
    assert [p.path for p in caught.value.problems] == [("subscales", 0, "max_missing")]
    with pytest.raises(InvalidValue, match="no item belongs to subscale 'b'"):
        build(Subscale("a", "A"), Subscale("b", "B"))


@pytest.mark.parametrize(
    ("answers", "total", "total_range", "label"),
    [
        # Below the first band when the missing item counts 0: any answer gives 3 to 5.
        ({1: "bijna-nooit", 2: "bijna-nooit"}, 2, (3, 5), "niet eenzaam"),
        ({1: "bijna-nooit", 3: "soms"}, 3, (4, 6), None),
        # A total of 5 is "not lonely", but any answer to item 3 makes it 6 to 8.
        ({1: "vaak", 2: "soms"}, 5, (6, 8), "eenzaam"),
        ({2: "soms", 3: None, 1: "soms"}, 4, (5, 7), None),
        ({1: "vaak", 2: "vaak", 3: "vaak"}, 9, (9, 9), "eenzaam"),
    ],
)
def test_ucla_style_missing_answers(
    answers: Mapping[int, str | None],
    total: int,
    total_range: tuple[int, int],
    label: str | None,
) -> None:
    """With 1-3 points an item, a missing item gives a band only when every answer agrees."""
    score = UCLA3_ONE_MISSING.score(answers)
    assert score.total == total
    assert score.total_range == total_range
    assert (None if score.band is None else score.band.label) == label
    assert score.lonely is (None if label is None else label == "eenzaam")


def test_djg6_missing_item_across_a_boundary() -> None:
    """A missing DJG-6 item that could move the total to the next band leaves no band."""
    # Items 1, 4 and 6 are negatively keyed, items 2, 3 and 5 positively.
    answers = {1: "ja", 2: "nee", 3: "nee", 4: "ja", 5: "ja"}
    assert DJG6.score({**answers, 6: "nee"}).band == DJG6.bands[1]
    assert DJG6.score({**answers, 6: "ja"}).band == DJG6.bands[2]
    score = DJG6.score(answers)
    assert (score.total, score.total_range, score.band, score.lonely) == (4, (4, 5), None, None)
    assert DJG6.score({**answers, 4: "nee"}).band == DJG6.bands[1]


@st.composite
def partial_answers(draw: st.DrawFn) -> tuple[Instrument, dict[int, str | None]]:
    """A small instrument and answers with up to max_missing items None or left out."""
    instrument = draw(
        st.sampled_from([*FRAMEWORK.instruments, UCLA3_ONE_MISSING]) | instruments(max_items=5)
    )
    numbers = [i.number for i in instrument.items]
    missing = draw(st.sets(st.sampled_from(numbers), max_size=instrument.max_missing))
    answers: dict[int, str | None] = {}
    for number in numbers:
        if number not in missing:
            answers[number] = draw(st.sampled_from([o.id for o in instrument.options]))
        elif draw(st.booleans()):
            answers[number] = None
    return instrument, answers


@given(partial_answers())
@example((UCLA3_ONE_MISSING, {1: "bijna-nooit", 2: "bijna-nooit"}))
@example((UCLA3_ONE_MISSING, {1: "vaak", 2: "soms", 3: None}))
def test_band_only_when_every_completion_agrees(
    case: tuple[Instrument, dict[int, str | None]],
) -> None:
    """The band is the one every completion of the missing items lands in, else None."""
    instrument, answers = case
    options = {o.id: o for o in instrument.options}
    items = {i.number: i for i in instrument.items}
    given_points = sum(_points(options[a], items[n]) for n, a in answers.items() if a is not None)
    missing = [i for i in instrument.items if answers.get(i.number) is None]
    totals = {
        given_points + sum(_points(o, item) for o, item in zip(choice, missing, strict=True))
        for choice in itertools.product(instrument.options, repeat=len(missing))
    }
    bands = {_band(b) for t in totals for b in instrument.bands if b.min <= t <= b.max}
    score = instrument.score(answers)
    assert score.missing == len(missing)
    assert score.total == given_points
    assert score.total_range == (min(totals), max(totals))
    assert _band(score.band) == (bands.pop() if len(bands) == 1 else None)


@st.composite
def lonelier_answers(
    draw: st.DrawFn,
) -> tuple[Instrument, dict[int, str | None], int, str, str]:
    """Answers, one item of them, and two options for it, the second at least as lonely."""
    instrument, answers = draw(partial_answers())
    item = draw(st.sampled_from(instrument.items))
    pair = draw(st.lists(st.sampled_from(instrument.options), min_size=2, max_size=2))
    less, more = sorted(pair, key=lambda o: _points(o, item))
    return instrument, answers, item.number, less.id, more.id


@given(lonelier_answers())
@example((DJG11, dict.fromkeys(range(1, 12), "ja"), 1, "ja", "nee"))
@example((DJG6, {1: "nee", 2: "ja", 3: "ja", 4: "ja", 6: "ja"}, 5, "ja", "nee"))
def test_a_lonelier_answer_never_lowers_the_total(
    case: tuple[Instrument, dict[int, str | None], int, str, str],
) -> None:
    """An answer with at least as many points on the item's keying never lowers the total."""
    instrument, answers, number, less, more = case
    before = instrument.score({**answers, number: less})
    after = instrument.score({**answers, number: more})
    assert before.total is not None
    assert after.total is not None
    assert after.total >= before.total
    if before.band is not None and after.band is not None:
        assert after.band.min >= before.band.min


def _message(build: Callable[[], object]) -> str:
    """The text a coach reads in ``joinus check`` when *build* breaks a rule."""
    with pytest.raises(InvalidValue) as caught:
        build()
    return str(caught.value)


ONE_ITEM = (Item(1, "a", Keying.NEGATIVE),)
ZERO_TO_ONE = (ScoreBand(0, 1, "alles", False),)


class TestConstructionProblems:
    """Each value names itself and every broken rule, with the key it is at."""

    @pytest.mark.parametrize(
        ("build", "expected"),
        [
            pytest.param(
                lambda: Level(0, ""),
                "invalid level:\n"
                "  error: 'value' must be between 1 and 10, not 0 [at $.value]\n"
                "  error: 'title' must not be empty [at $.title]",
                id="level",
            ),
            pytest.param(
                lambda: Domain("", "D"),
                "invalid domain:\n"
                "  error: 'id' must use only lower-case letters, digits and hyphens, not ''"
                " [at $.id]",
                id="domain",
            ),
            pytest.param(
                lambda: Subscale("s", "S", max_missing=-1),
                "invalid subscale:\n  error: 'max_missing' must be at least 0, not -1 "
                "[at $.max_missing]",
                id="subscale",
            ),
            pytest.param(
                lambda: ScoreBand(3, 2, "x", False),
                "invalid score band:\n  error: max 2 is below min 3 [at $.max]",
                id="score-band",
            ),
            pytest.param(
                lambda: Instrument("x", "X", (), (), ()),
                "invalid instrument:\n"
                "  error: an instrument needs answer options [at $.options]\n"
                "  error: an instrument needs items [at $.items]",
                id="instrument-empty",
            ),
            pytest.param(
                lambda: Instrument(
                    "x",
                    "X",
                    (*YES_NO, AnswerOption("ja", "ja", 1)),
                    (
                        Item(1, "a", Keying.NEGATIVE, "s"),
                        Item(1, "b", Keying.NEGATIVE, "t"),
                        Item(4, "c", Keying.NEGATIVE),
                    ),
                    ZERO_TO_ONE,
                    subscales=(Subscale("s", "S"), Subscale("s", "S2")),
                ),
                "invalid instrument:\n"
                "  error: duplicate id 'ja' (first used at options[0]) [at $.options[2].id]\n"
                "  error: duplicate id 's' (first used at subscales[0])"
                " [at $.subscales[1].id]\n"
                "  error: duplicate number 1 (first used at items[0]) [at $.items[1].number]\n"
                "  error: items are numbered 1, 2, 3, ... in order: expected 2"
                " [at $.items[1].number]\n"
                "  error: unknown subscale 't' [at $.items[1].subscale]\n"
                "  error: items are numbered 1, 2, 3, ... in order: expected 3"
                " [at $.items[2].number]",
                id="instrument-ids-and-numbers",
            ),
            pytest.param(
                lambda: Instrument(
                    "x",
                    "X",
                    (AnswerOption("ja", "ja", 1, 0), AnswerOption("nee", "nee", 0)),
                    (Item(1, "a", Keying.POSITIVE, "s"), Item(2, "b", Keying.NEGATIVE, "s")),
                    ZERO_TO_ONE,
                    subscales=(Subscale("s", "S", max_missing=2), Subscale("e", "E")),
                    max_missing=2,
                ),
                "invalid instrument:\n"
                "  error: option 'nee' needs score_positive: the instrument has positively"
                " keyed items [at $.options[1]]\n"
                "  error: max_missing 2 must be below the number of items (2): a total needs"
                " at least one answered item [at $.max_missing]\n"
                "  error: max_missing 2 must be below the number of items of subscale 's'"
                " (2): its score needs at least one answered item"
                " [at $.subscales[0].max_missing]\n"
                "  error: no item belongs to subscale 'e' [at $.subscales[1]]",
                id="instrument-missing-and-keying",
            ),
            pytest.param(
                lambda: Instrument(
                    "x",
                    "X",
                    YES_NO,
                    _negative_items(3),
                    (ScoreBand(1, 1, "a", False), ScoreBand(1, 2, "b", True)),
                ),
                "invalid instrument:\n"
                "  error: bands must follow each other without gaps or overlaps: expected min 0"
                " [at $.bands[0].min]\n"
                "  error: bands must follow each other without gaps or overlaps: expected min 2"
                " [at $.bands[1].min]\n"
                "  error: bands must cover every total from 0 to 3 [at $.bands]",
                id="instrument-bands",
            ),
            pytest.param(
                lambda: ProgressFramework("f", "F", (Level(1, "een"),), (), ReadinessRule(1)),
                "invalid progress framework:\n"
                "  error: a ladder needs at least two levels [at $.levels]\n"
                "  error: a framework needs at least one domain [at $.domains]",
                id="framework-empty",
            ),
            pytest.param(
                lambda: ProgressFramework(
                    "f",
                    "F",
                    (Level(1, "een"), Level(1, "twee"), Level(2, "drie")),
                    (Domain("d", "D"), Domain("d", "D2")),
                    ReadinessRule(4, ("djg-6", "nope")),
                    instruments=(DJG6, DJG6),
                ),
                "invalid progress framework:\n"
                "  error: duplicate value 1 (first used at levels[0]) [at $.levels[1].value]\n"
                "  error: levels are numbered 1, 2, 3, ... in order: expected 2"
                " [at $.levels[1].value]\n"
                "  error: levels are numbered 1, 2, 3, ... in order: expected 3"
                " [at $.levels[2].value]\n"
                "  error: duplicate id 'd' (first used at domains[0]) [at $.domains[1].id]\n"
                "  error: duplicate id 'djg-6' (first used at instruments[0])"
                " [at $.instruments[1].id]\n"
                "  error: must be between 1 and 3, not 4 [at $.ready.min_level]\n"
                "  error: unknown instrument 'nope' [at $.ready.instruments[1]]",
                id="framework-ids-and-numbers",
            ),
        ],
    )
    def test_exact_problems(self, build: Callable[[], object], expected: str) -> None:
        """The error lists the owner, then each problem's message and path, in check order."""
        assert _message(build) == expected

    def test_top_level_is_allowed(self) -> None:
        """The readiness level may be the top of the ladder, and an empty ladder asks for 1."""
        levels = (Level(1, "een"), Level(2, "twee"))
        domains = (Domain("d", "D"),)
        assert ProgressFramework("f", "F", levels, domains, ReadinessRule(2)).ready.min_level == 2
        assert _message(lambda: ProgressFramework("f", "F", (), domains, ReadinessRule(2))) == (
            "invalid progress framework:\n"
            "  error: a ladder needs at least two levels [at $.levels]\n"
            "  error: must be between 1 and 1, not 2 [at $.ready.min_level]"
        )

    def test_unknown_instrument(self) -> None:
        """Asking the framework for an instrument it lacks names the kind and the id."""
        assert FRAMEWORK.instrument("ucla-3") is UCLA3
        with pytest.raises(UnknownId) as caught:
            FRAMEWORK.instrument("ucla-4")
        assert (caught.value.kind, caught.value.wanted) == ("instrument", "ucla-4")
        assert str(caught.value) == "no instrument with id 'ucla-4'"

    def test_wrong_answers_are_named(self) -> None:
        """Unknown items and answers are reported with the item number as path."""
        assert _message(lambda: UCLA3.score({1: "altijd", 2: None, 9: "soms"})) == (
            "invalid answers to ucla-3:\n"
            "  error: no item 9 in instrument 'ucla-3' [at $[9]]\n"
            "  error: unknown answer 'altijd' to item 1 [at $[1]]"
        )


class TestScoreFields:
    """A score names its instrument; with too many items missing there is no total, range or
    band; each missing item adds its own lowest and highest points to the range."""

    def test_too_many_missing(self) -> None:
        """With every UCLA-3 item missing the score has no total, no range and no band."""
        assert UCLA3.score({}) == InstrumentScore("ucla-3", None, None, {}, 3, None)

    def test_two_missing_items_widen_the_range_twice(self) -> None:
        """Two missing items of 1 to 3 points add 2 to 6 to the one answer's points."""
        two_missing = attrs.evolve(UCLA3, max_missing=2)
        assert two_missing.score({1: "soms"}) == InstrumentScore(
            "ucla-3", 2, None, {}, 2, (2 + 1 + 1, 2 + 3 + 3)
        )
