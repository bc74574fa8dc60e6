"""The progress framework and the scoring of its instruments."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinus_method import (
    AnswerOption,
    Instrument,
    InvalidValue,
    Item,
    Keying,
    ProgressFramework,
    ScoreBand,
)
from joinus_method.documents.bundled import load_bundled
from tests.strategies import instruments

FRAMEWORK = load_bundled("zelfredzaamheid")
assert isinstance(FRAMEWORK, ProgressFramework)
DJG11 = FRAMEWORK.instrument("djg-11")
DJG6 = FRAMEWORK.instrument("djg-6")
UCLA3 = FRAMEWORK.instrument("ucla-3")


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
    ("total", "lonely"), [(0, False), (2, False), (3, True), (8, True), (9, True), (11, True)]
)
def test_djg11_bands(total: int, lonely: bool) -> None:
    """0-2 not lonely, 3-8 moderately, 9-10 severely, 11 very severely."""
    (band,) = [b for b in DJG11.bands if b.min <= total <= b.max]
    assert band.lonely is lonely


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
    assert score.band is not None
    assert score.band.min <= score.total <= score.band.max
