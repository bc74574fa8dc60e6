"""The bundled framework's sources, its answer forms, the leaving rule and its timings."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from joinus_method import (
    AnswerOption,
    DocumentKind,
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
)
from joinus_method.documents.bundled import find_bundled
from joinus_method.documents.files import loads
from joinus_method.documents.schema import json_schema
from tests.seed import FRAMEWORK

DJG11 = FRAMEWORK.instrument("djg-11")
DJG6 = FRAMEWORK.instrument("djg-6")
UCLA3 = FRAMEWORK.instrument("ucla-3")
TEXT = find_bundled(DocumentKind.FRAMEWORK, "zelfredzaamheid").text()

ALL_AT_TOP = {d.id: 5 for d in FRAMEWORK.domains}
"""Every domain at the top of the ladder."""

NOT_LONELY = {Keying.NEGATIVE: "nee", Keying.POSITIVE: "ja"}
"""The three-point answer that scores 0 on an item of each keying."""

FIVE_TO_THREE = {"ja!": "ja", "ja": "ja", "min-of-meer": "min-of-meer", "nee": "nee", "nee!": "nee"}
"""The five-point form's answers and the three-point answer each scores as."""


def _calm(instrument: Instrument) -> dict[int, str]:
    """*instrument* answered on the not-lonely side on every item: a total of 0."""
    return {i.number: NOT_LONELY[i.keyed] for i in instrument.items}


def _comment_above(key: str) -> str:
    """The comment lines just above the line that sets *key* in the file, joined."""
    lines = TEXT.splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith(f"{key} = "))
    block: list[str] = []
    for line in reversed(lines[:at]):
        if not line.startswith("#"):
            break
        block.insert(0, line.lstrip("# "))
    return " ".join(block)


class TestSources:
    """Every instrument and rule of the framework says where its numbers come from."""

    @pytest.mark.parametrize(
        ("instrument", "expected"),
        [
            pytest.param(
                DJG11,
                [
                    "De Jong Gierveld & Kamphuis (1985)",
                    "Applied Psychological Measurement",
                    "De Jong Gierveld & Van Tilburg (1999), Manual of the loneliness scale",
                    "Van Tilburg & De Jong Gierveld (1999), Cesuurbepaling",
                ],
                id="djg-11",
            ),
            pytest.param(
                DJG6,
                [
                    "De Jong Gierveld & Van Tilburg (2006)",
                    "Research on Aging 28(5)",
                    "De Jong Gierveld & Van Tilburg (1999), Manual of the loneliness scale",
                ],
                id="djg-6",
            ),
            pytest.param(
                UCLA3,
                [
                    "Hughes, Waite, Hawkley & Cacioppo (2004)",
                    "Research on Aging",
                    "geeft geen grens",
                    "eigen keuze van het project",
                    "Steptoe",
                ],
                id="ucla-3",
            ),
        ],
    )
    def test_each_instrument_names_its_source(
        self, instrument: Instrument, expected: list[str]
    ) -> None:
        """The source names the publications (authors and year) behind the items, the
        scoring and the cut-offs, or says that a cut-off is the project's own choice."""
        for text in expected:
            assert text in instrument.source

    def test_every_instrument_has_a_source(self) -> None:
        """No bundled instrument leaves its source empty."""
        assert all(i.source.strip() for i in FRAMEWORK.instruments)

    def test_the_long_scale_is_not_credited_to_the_short_scales_authors(self) -> None:
        """The 11-item scale is De Jong Gierveld & Kamphuis's, not '& Van Tilburg'."""
        assert "& Van Tilburg" not in DJG11.description
        assert "Kamphuis" in DJG11.source

    def test_the_rule_and_the_framework_name_their_sources(self) -> None:
        """The leaving rule says it is the project's own and where its cut-off comes from;
        the framework names the matrix its ladder is adapted from."""
        assert FRAMEWORK.ready.source.startswith("Eigen regel van het project.")
        assert "De Jong Gierveld & Van Tilburg" in FRAMEWORK.ready.source
        assert "Zelfredzaamheid-Matrix (ZRM)" in FRAMEWORK.source
        assert "eigen keuzes" in FRAMEWORK.source

    @pytest.mark.parametrize("key", ["evaluation_weeks", "talk_minutes", "intake_weeks"])
    def test_each_timing_has_its_reason(self, key: str) -> None:
        """The comment just above each timing in the file says it is the project's own
        choice and gives a reason after the colon or semicolon."""
        comment = _comment_above(key)
        assert "(eigen keuze)" in comment
        assert re.search(r"\(eigen keuze\)[:;] \w", comment), comment

    @pytest.mark.parametrize("instrument", [DJG11, DJG6], ids=lambda i: i.id)
    def test_the_bands_are_stated_as_the_file_has_them(self, instrument: Instrument) -> None:
        """Each band of the De Jong Gierveld scales is written out in the description,
        with the same numbers and label as the band itself."""
        for band in instrument.bands:
            span = f"{band.min}" if band.min == band.max else f"{band.min}-{band.max}"
            assert f"{span} {band.label}" in instrument.description


class TestDeJongGierveldRules:
    """The 11-item and 6-item scales are scored with the cut-offs and missing-answer rules
    their descriptions state."""

    def test_long_scale_cut_offs(self) -> None:
        """0-2 not lonely, 3-8 moderately, 9-10 severely, 11 very severely lonely."""
        assert [(b.min, b.max, b.label, b.lonely) for b in DJG11.bands] == [
            (0, 2, "niet eenzaam", False),
            (3, 8, "matig eenzaam", True),
            (9, 10, "ernstig eenzaam", True),
            (11, 11, "zeer ernstig eenzaam", True),
        ]

    def test_long_scale_needs_every_answer(self) -> None:
        """The 11-item scale gives a total only when complete, a stricter rule than the
        manual's, and says so with its reason."""
        assert DJG11.max_missing == 0
        assert all(s.max_missing == 0 for s in DJG11.subscales)
        calm = _calm(DJG11)
        assert DJG11.score(calm).total == 0
        score = DJG11.score({**calm, 5: None})
        assert (score.total, score.band, score.subscales["emotioneel"]) == (None, None, None)
        assert score.subscales["sociaal"] == 0
        assert "Alleen een volledig ingevulde lijst geeft een totaalscore" in DJG11.description
        assert "strenger dan de handleiding" in DJG11.source

    def test_short_scale_cut_offs(self) -> None:
        """0-1 not lonely, 2-4 moderately, 5-6 severely lonely."""
        assert [(b.min, b.max, b.label, b.lonely) for b in DJG6.bands] == [
            (0, 1, "niet eenzaam", False),
            (2, 4, "matig eenzaam", True),
            (5, 6, "ernstig eenzaam", True),
        ]

    def test_short_scale_missing_answers(self) -> None:
        """One missing answer still gives a total (the answer counts 0 points) but no score
        for its subscale; two missing answers give no total."""
        assert (DJG6.max_missing, [s.max_missing for s in DJG6.subscales]) == (1, [0, 0])
        lonely = {1: "ja", 2: "nee", 3: "nee", 4: "ja", 5: "nee", 6: "ja"}
        assert DJG6.score(lonely).total == 6
        one_missing = DJG6.score({**lonely, 4: None})
        assert one_missing.total == 5
        assert one_missing.subscales == {"emotioneel": None, "sociaal": 3}
        assert DJG6.score({**lonely, 4: None, 5: None}).total is None
        assert "Bij meer dan één ontbrekend antwoord is er geen totaalscore" in DJG6.description
        assert "hoogstens één ontbrekend antwoord" in DJG6.source

    def test_short_scale_items_are_the_long_scales_in_the_published_order(self) -> None:
        """Items 1 to 6 are items 3, 4, 7, 9, 8 and 10 of the long scale, keyed and in the
        subscale as there, each label saying which long item it is."""
        long_numbers = [3, 4, 7, 9, 8, 10]
        for item, number in zip(DJG6.items, long_numbers, strict=True):
            long_item = DJG11.items[number - 1]
            assert (item.keyed, item.subscale) == (long_item.keyed, long_item.subscale)
            assert item.label == f"{long_item.label} (item {number} lange versie)"


class TestFivePointAnswers:
    """A list answered on the five-point form (ja!, ja, min of meer, nee, nee!) scores as on
    the three-point form: ja! as ja, nee! as nee."""

    @pytest.mark.parametrize("instrument", [DJG11, DJG6], ids=lambda i: i.id)
    def test_the_extra_answers_are_aliases(self, instrument: Instrument) -> None:
        """'ja!' stands for 'ja' and 'nee!' for 'nee'; the three options stay three."""
        assert {o.id: o.aliases for o in instrument.options} == {
            "ja": ("ja!",),
            "min-of-meer": (),
            "nee": ("nee!",),
        }
        assert instrument.answers.keys() == FIVE_TO_THREE.keys()

    @pytest.mark.parametrize("instrument", [DJG11, DJG6], ids=lambda i: i.id)
    def test_emphatic_answers_score_as_plain_ones(self, instrument: Instrument) -> None:
        """All 'ja!' scores as all 'ja', all 'nee!' as all 'nee'."""
        numbers = [i.number for i in instrument.items]
        lonely_on = {"ja": Keying.NEGATIVE, "nee": Keying.POSITIVE}
        for emphatic, plain in (("ja!", "ja"), ("nee!", "nee")):
            five = instrument.score(dict.fromkeys(numbers, emphatic))
            assert five == instrument.score(dict.fromkeys(numbers, plain))
            # Each answer scores 1 on the items it is the lonely side of.
            assert five.total == sum(1 for i in instrument.items if i.keyed is lonely_on[plain])

    @given(st.data())
    def test_any_five_point_list_scores_as_its_three_point_form(self, data: st.DataObject) -> None:
        """Total, range, band and subscales are the same, with or without missing answers."""
        instrument = data.draw(st.sampled_from([DJG11, DJG6]))
        numbers = [i.number for i in instrument.items]
        missing = data.draw(st.sets(st.sampled_from(numbers), max_size=2))
        five: dict[int, str | None] = {
            n: None if n in missing else data.draw(st.sampled_from(list(FIVE_TO_THREE)))
            for n in numbers
        }
        three = {n: None if a is None else FIVE_TO_THREE[a] for n, a in five.items()}
        assert instrument.score(five) == instrument.score(three)

    def test_an_alias_cannot_stand_for_two_answers(self) -> None:
        """An alias that is another option's id or another option's alias is refused, at
        the alias; an empty alias and an alias given twice are refused too."""
        items = (Item(1, "a", Keying.NEGATIVE),)
        bands = (ScoreBand(0, 1, "alles", False),)

        def build(*options: AnswerOption) -> Instrument:
            return Instrument("x", "X", options, items, bands)

        assert (
            build(AnswerOption("ja", "ja", 1, aliases=("ja!", "Ja")), AnswerOption("nee", "nee", 0))
            .score({1: "Ja"})
            .total
            == 1
        )
        with pytest.raises(InvalidValue) as caught:
            build(
                AnswerOption("ja", "ja", 1, aliases=("nee",)),
                AnswerOption("nee", "nee", 0, aliases=("ja",)),
            )
        assert str(caught.value) == (
            "invalid instrument:\n"
            "  error: alias 'nee' of option 'ja' already stands for option 'nee'"
            " [at $.options[0].aliases[0]]\n"
            "  error: alias 'ja' of option 'nee' already stands for option 'ja'"
            " [at $.options[1].aliases[0]]"
        )
        with pytest.raises(InvalidValue, match=r"alias 'x!' of option 'nee' already stands"):
            build(
                AnswerOption("ja", "ja", 1, aliases=("x!",)),
                AnswerOption("nee", "nee", 0, aliases=("x!",)),
            )
        with pytest.raises(InvalidValue) as caught:
            AnswerOption("ja", "ja", 1, aliases=(" ", "ja!", "ja!", "ja"))
        assert [(p.message, p.path) for p in caught.value.problems] == [
            ("an alias must not be empty", ("aliases", 0)),
            ("alias 'ja!' is given twice for option 'ja'", ("aliases", 2)),
            ("alias 'ja' is given twice for option 'ja'", ("aliases", 3)),
        ]


class TestItemNumbersAsText:
    """Item numbers that arrive as text (from a CSV or JSON import) are refused with
    `InvalidValue` naming the item, never a `TypeError`."""

    @pytest.mark.parametrize("instrument", FRAMEWORK.instruments, ids=lambda i: i.id)
    def test_text_numbers_are_named(self, instrument: Instrument) -> None:
        """Each text key is one problem at its own key, saying the number it stands for."""
        answers: dict[object, str] = {
            str(i.number): instrument.options[0].id for i in instrument.items
        }
        with pytest.raises(InvalidValue) as caught:
            instrument.score(answers)  # type: ignore[arg-type]
        assert [(p.message, p.path) for p in caught.value.problems] == [
            (f"item number '{n}' is text: give it as the whole number {n}", (str(n),))
            for n in range(1, len(instrument.items) + 1)
        ]

    def test_other_keys_and_answers(self) -> None:
        """A key that is no number, a decimal or a boolean is refused among good answers,
        and so is an answer that is not text; the good answers are not reported."""
        answers: Mapping[object, object] = {1: "ja", "drie": "ja", 2.0: "ja", 4: 1}
        with pytest.raises(InvalidValue) as caught:
            DJG6.score(answers)  # type: ignore[arg-type]
        assert str(caught.value) == (
            "invalid answers to djg-6:\n"
            "  error: item number 'drie' is not a whole number [at $.drie]\n"
            "  error: item number 2.0 is not a whole number [at $.2.0]\n"
            "  error: unknown answer 1 to item 4 [at $[4]]"
        )
        with pytest.raises(InvalidValue) as caught:
            DJG6.score({True: "ja"})
        assert [(p.message, p.path) for p in caught.value.problems] == [
            ("item number True is not a whole number", ("True",))
        ]

    def test_padded_text_names_the_number(self) -> None:
        """Text with spaces around a number still says which number it stands for."""
        with pytest.raises(InvalidValue, match=r"item number ' 3 ' is text: give it as the whole"):
            UCLA3.score({" 3 ": "soms"})  # type: ignore[dict-item]


class TestLeavingRule:
    """A youth may leave when every domain is at level 4 or higher and the latest DJG-6 is
    complete with a total outside the lonely bands; an incomplete DJG-6 never counts."""

    def test_complete_calm_short_scale_meets_the_rule(self) -> None:
        """Every domain at the top and a complete DJG-6 totalling 0: ready, no gaps."""
        scores = {"djg-6": DJG6.score(_calm(DJG6))}
        assert FRAMEWORK.readiness_gaps(ALL_AT_TOP, scores) == ()
        assert FRAMEWORK.is_ready(ALL_AT_TOP, scores)

    def test_one_missing_answer_blocks_it_even_inside_the_band(self) -> None:
        """A DJG-6 with one answer missing is 'not lonely' whatever that answer is, and
        still does not meet the rule."""
        score = DJG6.score({**_calm(DJG6), 3: None})
        assert (score.total, score.total_range, score.lonely) == (0, (0, 1), False)
        assert not FRAMEWORK.is_ready(ALL_AT_TOP, {"djg-6": score})
        assert FRAMEWORK.readiness_gaps(ALL_AT_TOP, {"djg-6": score}) == (
            "the latest score on 'djg-6' is incomplete (1 of 6 items unanswered): leaving "
            "needs every item answered",
        )

    @given(
        st.sets(st.sampled_from(range(1, 7)), min_size=1, max_size=6),
        st.lists(st.sampled_from(list(FIVE_TO_THREE)), min_size=6, max_size=6),
    )
    # Calm on the five-point form, item 3 left open: 'not lonely' whatever item 3 says.
    @example({3}, ["nee!", "ja!", "ja", "nee", "ja!", "nee!"])
    def test_no_incomplete_short_scale_meets_it(self, missing: set[int], chosen: list[str]) -> None:
        """Whatever the answers, a DJG-6 with an item unanswered never meets the rule."""
        answers = {n: a for n, a in enumerate(chosen, start=1) if n not in missing}
        assert not FRAMEWORK.is_ready(ALL_AT_TOP, {"djg-6": DJG6.score(answers)})

    def test_each_gap_is_named(self) -> None:
        """Domains without a level or below level 4 come first, then the instrument."""
        levels = {d.id: 4 for d in FRAMEWORK.domains}
        levels["realistisch-zelfbeeld"] = 3
        del levels["eigen-netwerk"]
        moderately = DJG6.score({**_calm(DJG6), 1: "ja", 2: "nee"})
        assert moderately.total == 2
        assert FRAMEWORK.readiness_gaps(levels, {"djg-6": moderately}) == (
            "domain 'realistisch-zelfbeeld' is at level 3: leaving needs level 4 or higher",
            "domain 'eigen-netwerk' has no level yet",
            "the latest score on 'djg-6' is 2, in the band 'matig eenzaam', which counts as lonely",
        )
        assert FRAMEWORK.readiness_gaps(ALL_AT_TOP, {"djg-11": DJG11.score(_calm(DJG11))}) == (
            "no score on 'djg-6' yet",
        )

    def test_only_the_named_instruments_count(self) -> None:
        """A lonely score on an instrument the rule does not name does not block it."""
        lonely_ucla = UCLA3.score({1: "vaak", 2: "vaak", 3: "vaak"})
        scores = {"djg-6": DJG6.score(_calm(DJG6)), "ucla-3": lonely_ucla}
        assert FRAMEWORK.is_ready(ALL_AT_TOP, scores)

    def test_a_hand_made_score_without_a_band_is_a_gap(self) -> None:
        """A complete score that has no band (made by hand) does not meet the rule."""
        score = InstrumentScore("djg-6", 0, None, {}, 0, (0, 0))
        assert FRAMEWORK.readiness_gaps(ALL_AT_TOP, {"djg-6": score}) == (
            "the latest score on 'djg-6' has no band",
        )

    def test_wrong_levels_and_scores_are_refused(self) -> None:
        """Unknown domains and instruments, levels off the ladder or given as text, and a
        score filed under another instrument raise InvalidValue naming each."""
        levels: dict[str, object] = {
            **ALL_AT_TOP,
            "netwerk": 4,
            "inzicht-oorzaken": "4",
            "realistisch-zelfbeeld": 6,
        }
        scores = {"djg-6": DJG11.score(_calm(DJG11)), "djg-12": DJG6.score(_calm(DJG6))}
        with pytest.raises(InvalidValue) as caught:
            FRAMEWORK.readiness_gaps(levels, scores)  # type: ignore[arg-type]
        assert str(caught.value) == (
            "invalid levels and scores:\n"
            "  error: level '4' of domain 'inzicht-oorzaken' is not a whole number"
            " [at $.levels.inzicht-oorzaken]\n"
            "  error: must be between 1 and 5, not 6 [at $.levels.realistisch-zelfbeeld]\n"
            "  error: unknown domain 'netwerk' (did you mean 'eigen-netwerk'?)"
            " [at $.levels.netwerk]\n"
            "  error: the score filed under 'djg-6' is a score on 'djg-11'"
            " [at $.scores.djg-6]\n"
            "  error: unknown instrument 'djg-12' (did you mean 'djg-11'?)"
            " [at $.scores.djg-12]"
        )

    def test_the_rule_in_words_says_so(self) -> None:
        """The rule's description asks for a complete list and names the cut-off."""
        text = FRAMEWORK.ready.description
        assert "volledig is ingevuld" in text
        assert "totaalscore van 0 of 1" in text
        assert "Ontbreekt er een antwoord, dan telt de lijst hier niet mee" in text


class TestLadder:
    """The ladder is the project's own adaptation of a self-reliance matrix; its lowest
    level names acute risk and points at the safety steps."""

    def test_adaptation_note(self) -> None:
        """The framework's description says whose ladder it adapts, in its own words."""
        assert "eigen bewerking van een zelfredzaamheidsmatrix" in FRAMEWORK.description
        assert "criteria in onze eigen woorden" in FRAMEWORK.description

    def test_acute_level_names_risk_and_safety_steps(self) -> None:
        """Level 1 names a crisis, suicidal thoughts and an unsafe home, and points at the
        Meldcode, 113 Zelfmoordpreventie and referral to the GP or youth care."""
        acute = FRAMEWORK.levels[0]
        assert (acute.value, acute.title) == (1, "Acuut")
        for words in (
            "crisis",
            "gedachten aan zelfdoding",
            "onveilige thuissituatie",
            "Meldcode huiselijk geweld en kindermishandeling",
            "113 Zelfmoordpreventie",
            "huisarts",
            "jeugdhulp",
        ):
            assert words in acute.description, words


class TestTimings:
    """The talk length and the intake's lead time are settings with defaults and bounds."""

    def test_defaults_and_bundled_values(self) -> None:
        """15 minutes a talk and the intake a week ahead, by default and in the file."""
        levels = (Level(1, "laag"), Level(2, "hoog"))
        framework = ProgressFramework("f", "F", levels, (Domain("d", "D"),), ReadinessRule(2))
        assert (framework.talk_minutes, framework.intake_weeks) == (15, 1)
        assert (FRAMEWORK.talk_minutes, FRAMEWORK.intake_weeks) == (15, 1)
        assert FRAMEWORK.evaluation_weeks == 12

    @pytest.mark.parametrize(
        ("key", "low", "high"), [("talk_minutes", 5, 120), ("intake_weeks", 1, 8)]
    )
    def test_bounds(self, key: str, low: int, high: int) -> None:
        """The bounds themselves are accepted, one beyond them refused at the key."""
        for good in (low, high):
            changes: dict[str, Any] = {key: good}
            assert getattr(attrs.evolve(FRAMEWORK, **changes), key) == good
        for bad in (low - 1, high + 1):
            changes = {key: bad}
            with pytest.raises(InvalidValue) as caught:
                attrs.evolve(FRAMEWORK, **changes)
            assert [(p.message, p.path) for p in caught.value.problems] == [
                (f"'{key}' must be between {low} and {high}, not {bad}", (key,))
            ]

    @pytest.mark.parametrize(
        ("key", "default", "words"),
        [
            ("talk_minutes", 15, "Minutes of one one-to-one talk, such as an evaluation"),
            ("intake_weeks", 1, "a meeting of its own at which the baseline is taken"),
        ],
    )
    def test_documented_in_the_schema(self, key: str, default: int, words: str) -> None:
        """The schema gives each setting its description, default and bounds."""
        prop = json_schema(DocumentKind.FRAMEWORK)["properties"][key]
        assert prop["default"] == default
        assert words in prop["description"]
        assert {"minimum", "maximum"} <= prop.keys()

    def test_an_older_file_without_the_new_keys_loads(self) -> None:
        """A framework file without sources, aliases or the two settings loads with the
        defaults, and scores a three-point list as before."""
        old = re.sub(r'(?s)\nsource = """.*?"""\n', "\n", TEXT)
        old = re.sub(r"(?m)^(talk_minutes|intake_weeks) = .*\n", "", old)
        old = re.sub(r', aliases = \["[a-z]+!"\]', "", old)
        assert not re.search(r"(?m)^source =|aliases =|^talk_minutes|^intake_weeks", old)
        framework = loads(old, kind=DocumentKind.FRAMEWORK)
        assert isinstance(framework, ProgressFramework)
        assert (framework.talk_minutes, framework.intake_weeks, framework.source) == (15, 1, "")
        short = framework.instrument("djg-6")
        assert short.source == ""
        assert short.score(_calm(DJG6)) == DJG6.score(_calm(DJG6))

    def test_the_description_places_intake_and_evaluations(self) -> None:
        """The intake is a meeting of its own before the first evening, where the baseline
        is taken; then an evaluation every twelve weeks in a one-to-one talk on an evening."""
        text = FRAMEWORK.description
        assert "De intake is een apart gesprek vóór de eerste groepsavond" in text
        assert "Daar wordt de nulmeting gedaan" in text
        assert "elke twaalf weken een evaluatie" in text
        assert "één-op-ééngesprek op een groepsavond" in text


@pytest.mark.parametrize(
    "wrong",
    [
        "eenzame bereik",
        "sociaal redzaam",
        "hem of haar",
        "hij of zij",
        "zijn of haar",
        "leeftijdgenoten",
        "één-op-één gesprek",
        "een-op-een",
        "1-op-1",
    ],
)
def test_the_file_avoids_calques_and_misspellings(wrong: str) -> None:
    """The framework file says 'in de categorie niet eenzaam', 'sociaal zelfredzaam',
    'leeftijdsgenoten' and 'één-op-ééngesprek', and no 'hem of haar'."""
    assert wrong not in TEXT.lower()


@pytest.mark.parametrize("instrument", FRAMEWORK.instruments, ids=lambda i: i.id)
def test_item_labels_are_short_labels_of_our_own(instrument: Instrument) -> None:
    """Every item is named by a short label of our own, never the published question: at
    most five words (a note in brackets aside), not a sentence in the first person, and no
    `wording` carried in the bundled file."""
    for item in instrument.items:
        label = re.sub(r"\s*\(.*\)$", "", item.label)
        words = label.split()
        assert 0 < len(words) <= 5, item.label
        assert not {"ik", "mij", "me", "mijn", "i", "my"} & {w.lower() for w in words}, item.label
        assert not label.endswith((".", "?", "!")), item.label
        assert not getattr(item, "wording", None), item.number
