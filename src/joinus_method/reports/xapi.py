"""A youth's road as xAPI 1.0.3 statements, for a learning record store (LRS).

Each statement has the youth as its actor, known by pseudonym only (an ``account`` on
*home_page*), and an Activity as its object. Nothing else that could name a person goes out:
no personal data, no free-text ``note``, not who recorded or rated an event, and not with
whom a tie is (a peer's pseudonym or a label of our own).

What each kind of event becomes (``{base}`` is *activity_base*; ``adl:`` is
``http://adlnet.gov/expapi/verbs/``, ``as:`` is ``http://activitystrea.ms/schema/1.0/`` and
``tincan:`` is ``http://id.tincanapi.com/verb/``):

- signalled: ``{base}/verbs/signalled`` the programme
- registered: ``adl:registered`` the programme
- intake-held: ``adl:attended`` the intake
- consent-given: ``{base}/verbs/gave-consent`` the programme
- consent-withdrawn: ``{base}/verbs/withdrew-consent`` the programme
- waitlisted: ``{base}/verbs/waitlisted`` the group
- placed: ``{base}/verbs/placed`` the group
- joined: ``as:join`` the group
- left: ``as:leave`` the group
- attended, present or late: ``adl:attended`` the session
- attended, excused or absent: ``{base}/verbs/missed`` the session
- assessed: ``adl:answered`` each instrument answered
- assessed, levels only: ``adl:progressed`` social self-reliance
- challenge-set: ``tincan:defined`` the challenge
- challenge-tried: ``adl:attempted`` the challenge
- challenge-achieved: ``adl:completed`` the challenge
- activity-organised: ``as:host`` an activity with peers
- tie-made: ``{base}/verbs/made-tie`` a tie with a peer, or outside the group
- tie-ended: ``{base}/verbs/ended-tie`` the same
- exited: ``adl:exited`` the programme
- followed-up: ``{base}/verbs/followed-up`` the programme

Every event gives a statement; none is skipped. A missed session (excused or absent) gets a
verb of its own, so that counting ``attended`` counts only the sessions a youth was at; the
status (present, late, excused, absent) is in ``result.extensions``. An assessment gives one
statement per instrument answered, each carrying the event's domain levels; one with levels
only gives a single ``progressed`` statement.

The programme's own words go under ``{base}/extensions/...``: the signal source and who
consented (``context.extensions``), the intake outcome, the attendance status, the exit
reason and the domain levels (``result.extensions``).

With a *framework*, an instrument statement gets ``result.score``: ``raw`` is the total,
``min`` and ``max`` the instrument's lowest and highest total, ``scaled`` the total's place
between them, from 0 to 1 (higher is lonelier on the bundled lists), and
``result.completion`` whether every item was answered. Answers the framework cannot score
(an unknown instrument or answer, too many items missing) give no score.

The timestamp is the day the event occurred at 12:00 UTC: the same calendar day in every time
zone of Europe. An event recorded that same day before noon UTC is stamped with the moment it
was recorded, since a statement must not be stamped in the future. The statement id is a
UUID made from the event's id, so exporting again gives the same ids. ``stored`` and
``authority`` are left to the LRS; ``version`` is ``1.0.0``, the value the specification
requires of a record provider that sets it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from joinus_method.errors import InvalidValue, UnknownId
from joinus_method.tracking.events import AttendanceStatus, Event, EventKind, TieKind

if TYPE_CHECKING:
    from joinus_method.model.framework import ProgressFramework

__all__ = ["STATEMENT_NAMESPACE", "VERSION", "statement_id", "statements"]

VERSION = "1.0.0"
"""The statement version: a record provider that sets it must set ``1.0.0`` (xAPI 1.0.3,
section 2.4.10), whichever 1.0.x it follows."""

STATEMENT_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://joinus-method.nl/xapi/statement")
"""The namespace of the statement ids (UUID version 5)."""

_ADL = "http://adlnet.gov/expapi/verbs/"
_STREAMS = "http://activitystrea.ms/schema/1.0/"
_TINCAN = "http://id.tincanapi.com/verb/"

# Each verb: its IRI (relative ones are under activity_base), and its display in English and
# Dutch.
_VERBS: Mapping[str, tuple[str, str, str]] = {
    "signalled": ("verbs/signalled", "was signalled for", "is gesignaleerd voor"),
    "registered": (_ADL + "registered", "registered for", "is ingeschreven voor"),
    "attended": (_ADL + "attended", "attended", "was aanwezig bij"),
    "missed": ("verbs/missed", "missed", "miste"),
    "gave-consent": ("verbs/gave-consent", "gave consent for", "gaf toestemming voor"),
    "withdrew-consent": (
        "verbs/withdrew-consent",
        "withdrew consent for",
        "trok toestemming in voor",
    ),
    "waitlisted": ("verbs/waitlisted", "was waitlisted for", "staat op de wachtlijst voor"),
    "placed": ("verbs/placed", "was placed in", "is geplaatst in"),
    "joined": (_STREAMS + "join", "joined", "werd lid van"),
    "left": (_STREAMS + "leave", "left", "verliet"),
    "answered": (_ADL + "answered", "answered", "beantwoordde"),
    "progressed": (_ADL + "progressed", "progressed in", "maakte voortgang in"),
    "defined": (_TINCAN + "defined", "defined", "koos"),
    "attempted": (_ADL + "attempted", "attempted", "probeerde"),
    "completed": (_ADL + "completed", "completed", "haalde"),
    "hosted": (_STREAMS + "host", "hosted", "organiseerde"),
    "made-tie": ("verbs/made-tie", "made", "legde"),
    "ended-tie": ("verbs/ended-tie", "ended", "verbrak"),
    "exited": (_ADL + "exited", "exited", "stopte met"),
    "followed-up": ("verbs/followed-up", "was followed up after", "kreeg nazorg na"),
}

_VERB_OF: Mapping[EventKind, str] = {
    EventKind.SIGNALLED: "signalled",
    EventKind.REGISTERED: "registered",
    EventKind.INTAKE_HELD: "attended",
    EventKind.CONSENT_GIVEN: "gave-consent",
    EventKind.CONSENT_WITHDRAWN: "withdrew-consent",
    EventKind.WAITLISTED: "waitlisted",
    EventKind.PLACED: "placed",
    EventKind.JOINED: "joined",
    EventKind.LEFT: "left",
    EventKind.ATTENDED: "attended",
    EventKind.CHALLENGE_SET: "defined",
    EventKind.CHALLENGE_TRIED: "attempted",
    EventKind.CHALLENGE_ACHIEVED: "completed",
    EventKind.ACTIVITY_ORGANISED: "hosted",
    EventKind.TIE_MADE: "made-tie",
    EventKind.TIE_ENDED: "ended-tie",
    EventKind.EXITED: "exited",
    EventKind.FOLLOWED_UP: "followed-up",
}

_MISSED = frozenset({AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT})
_ABOUT_GROUP = frozenset({EventKind.WAITLISTED, EventKind.PLACED, EventKind.JOINED, EventKind.LEFT})
_IN_GROUP = frozenset({EventKind.PLACED, EventKind.JOINED, EventKind.ATTENDED})
_OUT_OF_GROUP = frozenset({EventKind.WAITLISTED, EventKind.LEFT, EventKind.EXITED})

_MEETING = "http://adlnet.gov/expapi/activities/meeting"
_ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment"
_GOAL = "http://id.tincanapi.com/activitytype/goal"
_GROUP = _STREAMS + "group"
_EVENT = _STREAMS + "event"


def statement_id(event_id: str, instrument: str | None = None) -> str:
    """The id of the statement of the event *event_id* (about *instrument*, for an
    assessment's statement on one)."""
    name = event_id if instrument is None else f"{event_id}#{instrument}"
    return str(uuid.uuid5(STATEMENT_NAMESPACE, name))


def statements(
    events: Iterable[Event],
    *,
    home_page: str = "https://joinus-method.nl",
    activity_base: str = "https://joinus-method.nl/xapi",
    framework: ProgressFramework | None = None,
) -> list[dict[str, Any]]:
    """The xAPI statements of *events*, in their order (see the module for the mapping).

    The youth's group, given as context, is followed through the events in the order given
    (as the store reads them back): a youth is in a group from being placed or joining until
    leaving, being waitlisted or exiting. With *framework*, instrument statements get a score.
    """
    export = _Export(home_page, activity_base.rstrip("/"), framework)
    out: list[dict[str, Any]] = []
    for event in events:
        out.extend(export.statements(event))
    return out


class _Export:
    """Makes statements of events one after the other, following each youth's group."""

    def __init__(self, home_page: str, base: str, framework: ProgressFramework | None) -> None:
        self.home_page = home_page
        self.base = base
        self.framework = framework
        self.groups: dict[str, str] = {}

    def statements(self, event: Event) -> list[dict[str, Any]]:
        """The statements of *event*."""
        group = None if event.kind in _ABOUT_GROUP else event.group or self.groups.get(event.youth)
        if event.kind in _IN_GROUP and event.group:
            self.groups[event.youth] = event.group
        elif event.kind in _OUT_OF_GROUP:
            self.groups.pop(event.youth, None)
        if event.kind is EventKind.ASSESSED:
            return self._assessment(event, group)
        verb = _VERB_OF[event.kind]
        result: dict[str, Any] = {}
        context: dict[str, Any] = {}
        if event.kind is EventKind.SIGNALLED and event.source:
            context["signal-source"] = event.source.value
        elif event.kind in (EventKind.CONSENT_GIVEN, EventKind.CONSENT_WITHDRAWN) and event.by:
            context["consent-by"] = event.by.value
        elif event.kind is EventKind.INTAKE_HELD and event.outcome:
            result["intake-outcome"] = event.outcome.value
        elif event.kind is EventKind.ATTENDED and event.status:
            verb = "missed" if event.status in _MISSED else "attended"
            result["attendance"] = event.status.value
        elif event.kind is EventKind.EXITED and event.reason:
            result["exit-reason"] = event.reason.value
        made = self._statement(
            event,
            verb,
            self._object(event),
            group,
            result={"extensions": self._extensions(result)} if result else None,
        )
        if context:
            made["context"]["extensions"] = self._extensions(context)
        return [made]

    def _assessment(self, event: Event, group: str | None) -> list[dict[str, Any]]:
        """One statement per instrument answered, or one on the levels when there are none."""
        levels = self._extensions({"levels": dict(event.levels)}) if event.levels else None
        if not event.answers:
            made = self._statement(
                event,
                "progressed",
                self._self_reliance(),
                group,
                result={"extensions": levels} if levels else None,
            )
            return [made]
        out = []
        for instrument, answers in event.answers:
            result = self._scored(instrument, answers)
            if levels:
                result["extensions"] = levels
            made = self._statement(
                event,
                "answered",
                self._instrument(instrument),
                group,
                result=result or None,
                instrument=instrument,
            )
            out.append(made)
        return out

    def _scored(self, instrument_id: str, answers: tuple[tuple[int, str], ...]) -> dict[str, Any]:
        """``score`` and ``completion`` of *answers*, when the framework can score them."""
        if self.framework is None:
            return {}
        try:
            instrument = self.framework.instrument(instrument_id)
            scored = instrument.score(dict(answers))
        except (UnknownId, InvalidValue):
            return {}
        low, high = instrument.score_range
        total = scored.total
        if total is None or not low <= total <= high or low == high:
            return {}
        return {
            "score": {
                "scaled": (total - low) / (high - low),
                "raw": total,
                "min": low,
                "max": high,
            },
            "completion": scored.complete,
        }

    def _statement(
        self,
        event: Event,
        verb: str,
        activity: dict[str, Any],
        group: str | None,
        *,
        result: dict[str, Any] | None = None,
        instrument: str | None = None,
    ) -> dict[str, Any]:
        """The statement that *event*'s youth did *verb* on *activity*, in *group*."""
        iri, en, nl = _VERBS[verb]
        made: dict[str, Any] = {
            "id": statement_id(event.id, instrument),
            "actor": {
                "objectType": "Agent",
                "account": {"homePage": self.home_page, "name": event.youth},
            },
            "verb": {"id": self._iri(iri), "display": _language(en, nl)},
            "object": activity,
        }
        if result:
            made["result"] = result
        made["context"] = {"platform": "joinus_method", "language": "nl-NL"}
        if group is not None:
            made["context"]["contextActivities"] = {"grouping": [self._group(group)]}
        made["timestamp"] = _timestamp(event)
        made["version"] = VERSION
        return made

    def _object(self, event: Event) -> dict[str, Any]:
        """The activity an event that is not an assessment is about."""
        kind = event.kind
        if kind in _ABOUT_GROUP:
            return self._group(event.group or "")
        if kind is EventKind.ATTENDED:
            return self._activity(
                "sessions/" + _segment(event.session_uid or ""),
                ("Group session", "Groepsbijeenkomst"),
                _MEETING,
            )
        if kind is EventKind.INTAKE_HELD:
            return self._activity("intake", ("Intake", "Intakegesprek"), _MEETING)
        if kind in (
            EventKind.CHALLENGE_SET,
            EventKind.CHALLENGE_TRIED,
            EventKind.CHALLENGE_ACHIEVED,
        ):
            challenge = event.challenge or ""
            return self._activity(
                "challenges/" + _segment(challenge),
                (f"Personal challenge {challenge}", f"Persoonlijke uitdaging {challenge}"),
                _GOAL,
            )
        if kind is EventKind.ACTIVITY_ORGANISED:
            return self._activity(
                "peer-activity",
                ("Activity with peers", "Activiteit met leeftijdsgenoten"),
                _EVENT,
            )
        if kind in (EventKind.TIE_MADE, EventKind.TIE_ENDED):
            if event.tie is TieKind.PEER:
                return self._activity(
                    "ties/peer", ("Tie with a peer", "Contact met een leeftijdsgenoot")
                )
            return self._activity(
                "ties/outside",
                ("Tie outside the group", "Contact buiten de groep"),
            )
        return self._activity("programme", ("Join Us programme", "Programma Join Us"))

    def _group(self, group: str) -> dict[str, Any]:
        return self._activity(
            "groups/" + _segment(group), (f"Group {group}", f"Groep {group}"), _GROUP
        )

    def _instrument(self, instrument: str) -> dict[str, Any]:
        return self._activity(
            "instruments/" + _segment(instrument),
            (f"Questionnaire {instrument}", f"Vragenlijst {instrument}"),
            _ASSESSMENT,
        )

    def _self_reliance(self) -> dict[str, Any]:
        return self._activity("self-reliance", ("Social self-reliance", "Sociale zelfredzaamheid"))

    def _activity(
        self, path: str, name: tuple[str, str], kind: str | None = None
    ) -> dict[str, Any]:
        definition: dict[str, Any] = {"name": _language(*name)}
        if kind is not None:
            definition["type"] = kind
        return {"objectType": "Activity", "id": self._iri(path), "definition": definition}

    def _extensions(self, values: Mapping[str, Any]) -> dict[str, Any]:
        return {self._iri("extensions/" + key): value for key, value in values.items()}

    def _iri(self, iri: str) -> str:
        """*iri* as it is when absolute, else under the activity base."""
        return iri if "://" in iri else f"{self.base}/{iri}"


def _language(en: str, nl: str) -> dict[str, str]:
    return {"en-US": en, "nl-NL": nl}


def _segment(value: str) -> str:
    """*value* as one path segment of an IRI: every character but letters, digits and
    ``-._~`` percent-encoded (as UTF-8)."""
    return quote(value, safe="")


def _timestamp(event: Event) -> str:
    """When the event occurred: its day at 12:00 UTC, or the moment it was recorded when that
    is earlier on the same day."""
    noon = dt.datetime.combine(event.occurred, dt.time(12), tzinfo=dt.UTC)
    recorded = event.recorded_at.astimezone(dt.UTC)
    when = recorded if recorded.date() == event.occurred and recorded < noon else noon
    return when.isoformat(timespec="milliseconds").replace("+00:00", "Z")
