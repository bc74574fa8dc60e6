"""The bundled worker training: what its text says agrees with its sessions and the seed's
plan, and it covers intake, safety and the groups' whole first year."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator

import pytest

from joinus_method import Curriculum, DocumentKind, Session
from joinus_method.documents.bundled import find_bundled
from joinus_method.planning.schedule import PlannedSession, default_until, plan_program
from tests.seed import CURRICULA, NOORDWIJK, TRAINING, WEBINAR

NUMBER_WORDS = {
    "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
    "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14,
    "vijftien": 15, "zestien": 16, "zeventien": 17, "achttien": 18, "twintig": 20,
}  # fmt: skip
DUTCH_NUMBER = {n: word for word, n in NUMBER_WORDS.items()}

# Words that say a youth leaves the group: talk of them belongs late in the first year.
LEAVING = (
    "afscheid",
    "klaar voor de volgende stap",
    "eindmeting",
    "verlaten",
    "vertrek",
    "uitstroom",
    "uitstromen",
)

(TRAINING_COHORT,) = NOORDWIJK.trainings
LAST_GROUP_START = max(g.start_date for g in NOORDWIJK.groups)


def session_text(session: Session) -> str:
    """A session's title and description with those of its segments, as one text."""
    parts = [session.title, session.description]
    for segment in session.segments:
        parts += [segment.title, segment.description]
    return "\n".join(parts)


def curriculum_texts(curriculum: Curriculum) -> Iterator[str]:
    """Every text of *curriculum* a reader sees: title, summary, phases, goals, sessions."""
    yield curriculum.title
    yield curriculum.summary
    for phase in curriculum.phases:
        yield phase.title
        yield phase.description
    for goal in curriculum.goals:
        yield goal.title
    for session in curriculum.sessions:
        yield session_text(session)


def core_sessions() -> list[Session]:
    return [s for s in TRAINING.sessions if not TRAINING.is_follow_up(s)]


def follow_up_sessions() -> list[Session]:
    return [s for s in TRAINING.sessions if TRAINING.is_follow_up(s)]


def raw_text() -> str:
    """The training's file as a coach reads it, comments included."""
    return find_bundled(DocumentKind.CURRICULUM, TRAINING.id).text()


@functools.cache
def planned_training() -> tuple[PlannedSession, ...]:
    """The seed training's sessions in the plan ``joinus plan`` shows."""
    plan = plan_program(NOORDWIJK, CURRICULA, until=default_until(NOORDWIJK))
    return plan.plan(TRAINING_COHORT.id).sessions


def planned_follow_up() -> list[PlannedSession]:
    """The seed training's follow-up sessions in the plan ``joinus plan`` shows."""
    return [s for s in planned_training() if TRAINING.is_follow_up(s.session)]


def counted(pattern: str, text: str) -> list[int]:
    """The numbers, written as Dutch words, in front of *pattern* in *text*."""
    found = re.findall(rf"\b(\w+) {pattern}", text, flags=re.IGNORECASE)
    return [NUMBER_WORDS[w.lower()] for w in found if w.lower() in NUMBER_WORDS]


class TestCounts:
    """The training's text counts its own sessions right."""

    def test_summary_names_the_number_of_training_sessions(self) -> None:
        """The summary names, in Dutch words, how many weekly training sessions come
        before the follow-up coaching."""
        word = DUTCH_NUMBER[len(core_sessions())]
        assert f"{word} wekelijkse trainingsbijeenkomsten" in TRAINING.summary

    def test_every_count_of_training_sessions_agrees(self) -> None:
        """Wherever the file counts training sessions, summary, phases or comments, it
        names the number of sessions that are not follow-up coaching."""
        numbers = counted(r"(?:wekelijkse )?(?:trainings)?bijeenkomsten", raw_text())
        assert numbers
        assert set(numbers) == {len(core_sessions())}

    def test_every_count_of_coaching_sessions_agrees(self) -> None:
        """Wherever the file counts coaching sessions, it names the number of follow-up
        sessions."""
        numbers = counted("coachingsbijeenkomsten", raw_text())
        assert numbers
        assert set(numbers) == {len(follow_up_sessions())}

    def test_the_seed_training_ends_with_its_last_core_session(self) -> None:
        """In the seed plan, the weekly sessions end before the groups start, and the
        last of them is the training's last core session."""
        core = [s for s in planned_training() if not TRAINING.is_follow_up(s.session)]
        assert [s.session for s in core] == core_sessions()
        assert core[-1].day < min(g.start_date for g in NOORDWIJK.groups)


class TestFirstYear:
    """The coach's follow-up coaching spans the groups' whole first year, each session with
    a purpose that fits its moment, and the talk of youths leaving comes when they are
    near leaving."""

    def test_every_follow_up_session_is_planned(self) -> None:
        """The seed plan holds all follow-up sessions, in the curriculum's order."""
        assert [s.session for s in planned_follow_up()] == follow_up_sessions()

    def test_last_follow_up_at_least_fifty_weeks_after_the_groups_start(self) -> None:
        """The last coaching session falls at least 50 weeks after the later group starts."""
        last = planned_follow_up()[-1]
        assert last.day >= LAST_GROUP_START + dt.timedelta(weeks=50), last.day

    def test_leaving_is_discussed_late(self) -> None:
        """Follow-up sessions about youths leaving the group fall at least 40 weeks after
        the later group starts."""
        leaving = [
            s
            for s in planned_follow_up()
            if any(w in session_text(s.session).lower() for w in LEAVING)
        ]
        assert leaving
        for s in leaving:
            assert s.day >= LAST_GROUP_START + dt.timedelta(weeks=40), (s.session.id, s.day)

    def test_the_leaving_session_covers_exit_and_aftercare(self) -> None:
        """One follow-up session is about youths who are ready for the next step: the
        farewell, the exit measurement and the aftercare of a youth."""
        (leaving,) = [
            s for s in follow_up_sessions() if "klaar voor de volgende stap" in session_text(s)
        ]
        text = session_text(leaving).lower()
        for word in ("afscheid", "eindmeting", "nazorg"):
            assert word in text, word

    def test_each_follow_up_session_has_its_own_theme(self) -> None:
        """No two follow-up sessions share a title or a description; the first is about
        the groups' start and the last looks back on the year."""
        sessions = follow_up_sessions()
        assert len({s.title for s in sessions}) == len(sessions)
        assert len({s.description for s in sessions}) == len(sessions)
        assert "eerste" in sessions[0].title
        assert "terugblik" in sessions[-1].title.lower()


class TestSafety:
    """Safety is part of the training itself, not only of the follow-up."""

    @pytest.mark.parametrize(
        "words",
        [
            ("Meldcode",),
            ("vijf stappen",),
            ("aandachtsfunctionaris",),
            ("113",),
            ("0800-0113",),
            ("huisarts",),
            ("crisisdienst",),
            ("wijkteam",),
            ("jeugdhulp",),
            ("doorverwijzen", "verwijzen"),
        ],
    )
    def test_the_training_names_it(self, words: tuple[str, ...]) -> None:
        """The weekly training sessions name the meldcode and its five steps, the
        aandachtsfunctionaris, 113 Zelfmoordpreventie, the GP, the crisis service and
        where to refer a youth on."""
        text = "\n".join(session_text(s) for s in core_sessions())
        assert any(w in text for w in words), words

    def test_crisis_asks_directly_and_stays(self) -> None:
        """On suicidal thoughts the worker asks about it directly and does not leave a youth
        in acute danger alone."""
        text = "\n".join(session_text(s) for s in core_sessions())
        assert "direct" in text
        assert "niet alleen" in text


class TestIntake:
    """The intake is a meeting of its own before the youth's first group evening, where
    the baseline is taken and, under 16, the parents or guardians consent."""

    def intake(self) -> str:
        return session_text(TRAINING.session("signaleren-en-intake"))

    def test_intake_comes_before_the_first_evening(self) -> None:
        """The intake is its own meeting before the first group evening; for a new
        group, in the weeks before it starts."""
        text = self.intake()
        assert "vóór de eerste groepsavond" in text
        assert "in de weken" in text

    def test_baseline_is_taken_at_the_intake(self) -> None:
        """At the intake the worker takes the baseline: the level on each domain and the
        short loneliness questionnaire."""
        text = self.intake()
        assert "nulmeting" in text
        assert "domein" in text
        assert "eenzaamheidsvragenlijst" in text

    def test_consent_under_sixteen(self) -> None:
        """Under 16 the parents or guardians are informed and asked for consent; from 16 the
        youth consents."""
        text = self.intake()
        assert "toestemming" in text
        assert "onder de 16" in text or "jonger dan 16" in text
        assert "ouders of verzorgers" in text
        assert "Vanaf 16 jaar geeft de jongere zelf toestemming" in text


class TestDutch:
    """The training, the webinar and the seed program are written in plain Dutch."""

    @pytest.mark.parametrize(
        "phrase",
        [
            "on the job",
            "hij of zij",
            "zijn of haar",
            "hem of haar",
            "sociaal redzaam",
            "één-op-één gesprek",
            "leeftijdgenoten",
            "z'n tweeën",
        ],
    )
    def test_no_awkward_phrases(self, phrase: str) -> None:
        """No English where Dutch exists, no "hij of zij", the goal is "sociaal
        zelfredzaam", and compounds are written as one word."""
        texts = [
            *curriculum_texts(TRAINING),
            *curriculum_texts(WEBINAR),
            NOORDWIJK.description,
        ]
        for text in texts:
            assert phrase not in text.lower(), (phrase, text)

    def test_program_says_two_workers_per_group(self) -> None:
        """The seed program's description says each group has two of the trained workers."""
        sentence = "Steeds twee van deze werkers begeleiden samen een groep."
        assert sentence in NOORDWIJK.description
