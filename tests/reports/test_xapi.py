"""xAPI statements of a youth's road: valid by the xAPI 1.0.3 rules, pseudonymous, stable."""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
import re
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinus_method.model.youths import PersonalData
from joinus_method.reports.xapi import VERSION, statement_id, statements
from joinus_method.tracking.events import (
    AttendanceStatus,
    ConsentBy,
    Event,
    EventKind,
    ExitReason,
    TieKind,
)
from joinus_method.tracking.journey import replay
from joinus_method.tracking.store import open_store
from tests.seed import FRAMEWORK
from tests.tracking.roads import GROUP, attended, event, member

BASE = "https://joinus-method.nl/xapi"
ADL = "http://adlnet.gov/expapi/verbs/"
STREAMS = "http://activitystrea.ms/schema/1.0/"
SESSION = "noordwijk-katwijk-2021.group.groep-18-25-x-out.r0.welkom@joinus-method"
NAME = "Sanne Verbeek-Oudshoorn"
CONTACT = "sanne.verbeek@example.nl"
NOTES = (
    "Vindt muziek fijn.",
    "Op school, bij de kantine.",
    "Een filmavond bij Sanne thuis.",
    "Wil later misschien vrijwilliger worden.",
    "Belt zelf over drie maanden.",
)
# Answers to the DJG-6 scoring 1, 1, 0, 1, 0, 0 (a five-point "ja!" scores as "ja").
DJG6_ANSWERS = ((1, "ja"), (2, "nee"), (3, "ja"), (4, "min-of-meer"), (5, "ja!"), (6, "nee"))


# -- an independent checker of the xAPI 1.0.3 statement rules ------------------------------

STATEMENT_KEYS = frozenset(
    {
        "id",
        "actor",
        "verb",
        "object",
        "result",
        "context",
        "timestamp",
        "stored",
        "authority",
        "version",
        "attachments",
    }
)
AGENT_KEYS = frozenset({"objectType", "name", "mbox", "mbox_sha1sum", "openid", "account"})
IFIS = ("mbox", "mbox_sha1sum", "openid", "account")
DEFINITION_KEYS = frozenset(
    {
        "name",
        "description",
        "type",
        "moreInfo",
        "extensions",
        "interactionType",
        "correctResponsesPattern",
        "choices",
        "scale",
        "source",
        "target",
        "steps",
    }
)
RESULT_KEYS = frozenset({"score", "success", "completion", "response", "duration", "extensions"})
SCORE_KEYS = frozenset({"scaled", "raw", "min", "max"})
CONTEXT_KEYS = frozenset(
    {
        "registration",
        "instructor",
        "team",
        "contextActivities",
        "revision",
        "platform",
        "language",
        "statement",
        "extensions",
    }
)
CONTEXT_ACTIVITY_KEYS = frozenset({"parent", "grouping", "category", "other"})

# RFC 4122 in standard string form, variant 2 (the "10" bits: 8, 9, a or b).
UUID = re.compile(
    r"^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", re.I
)
# RFC 5646 language tags (langtag and private use; the grandfathered tags are left out).
LANGUAGE_TAG = re.compile(
    r"""^(?:
        (?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})  # language, extlang
        (?:-[a-z]{4})?                                       # script
        (?:-(?:[a-z]{2}|[0-9]{3}))?                          # region
        (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*             # variants
        (?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*                 # extensions
        (?:-x(?:-[a-z0-9]{1,8})+)?                           # private use
      | x(?:-[a-z0-9]{1,8})+
    )$""",
    re.I | re.X,
)
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
# Characters an IRI may not hold (RFC 3987): spaces, controls and these delimiters.
NOT_IN_IRI = re.compile(r'[\x00-\x20\x7f<>"{}|\\^`]')
BAD_ESCAPE = re.compile(r"%(?![0-9a-f]{2})", re.I)


def is_iri(value: object) -> bool:
    """Whether *value* is an absolute IRI: a scheme, no forbidden characters, sound
    escapes, and an authority when the scheme is http or https."""
    if not isinstance(value, str) or not SCHEME.match(value):
        return False
    if NOT_IN_IRI.search(value) or BAD_ESCAPE.search(value):
        return False
    parts = urlsplit(value)
    return parts.scheme.lower() not in ("http", "https") or bool(parts.netloc)


def is_irl(value: object) -> bool:
    """Whether *value* is an IRI that can be looked up: http or https with a host."""
    return is_iri(value) and urlsplit(str(value)).scheme.lower() in ("http", "https")


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def check_statement(s: Any) -> list[str]:
    """Every way *s* breaks the xAPI 1.0.3 rules for a statement; empty when it keeps them."""
    problems: list[str] = []
    add = problems.append
    if not isinstance(s, dict):
        return ["a statement is a JSON object"]
    _check_nulls(s, "statement", add)
    for key in sorted(set(s) - STATEMENT_KEYS):
        add(f"unknown statement property {key!r}")
    for key in ("actor", "verb", "object"):
        if key not in s:
            add(f"no {key}")
    if "id" in s and not (isinstance(s["id"], str) and UUID.match(s["id"])):
        add(f"id {s['id']!r} is not a UUID in standard string form")
    if "actor" in s:
        _check_actor(s["actor"], "actor", add)
    if "verb" in s:
        _check_verb(s["verb"], add)
    activity = "object" in s and _check_object(s["object"], add)
    if "result" in s:
        _check_result(s["result"], add)
    if "context" in s:
        _check_context(s["context"], activity, add)
    for key in ("timestamp", "stored"):
        if key in s:
            _check_timestamp(s[key], key, add)
    if "authority" in s:
        _check_actor(s["authority"], "authority", add)
    if "version" in s and not (isinstance(s["version"], str) and s["version"].startswith("1.0.")):
        add(f"version {s['version']!r} does not start with '1.0.'")
    if "attachments" in s and not isinstance(s["attachments"], list):
        add("attachments is not an array")
    return problems


Add = Callable[[str], None]


def _check_nulls(value: Any, where: str, add: Add) -> None:
    """No null values, except inside extensions."""
    if value is None:
        add(f"{where} is null")
    elif isinstance(value, dict):
        for key, inner in value.items():
            if key != "extensions":
                _check_nulls(inner, f"{where}.{key}", add)
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            _check_nulls(inner, f"{where}[{index}]", add)


def _check_language_map(value: Any, where: str, add: Add) -> None:
    if not isinstance(value, dict) or not value:
        add(f"{where} is not a language map")
        return
    for tag, text in value.items():
        if not LANGUAGE_TAG.match(tag):
            add(f"{where}: {tag!r} is not an RFC 5646 language tag")
        if not isinstance(text, str):
            add(f"{where}[{tag!r}] is not a string")


def _check_extensions(value: Any, where: str, add: Add) -> None:
    if not isinstance(value, dict):
        add(f"{where} is not an object")
        return
    for key in value:
        if not is_iri(key):
            add(f"{where}: key {key!r} is not an IRI")


def _check_actor(agent: Any, where: str, add: Add) -> None:
    """An Agent with exactly one inverse functional identifier."""
    if not isinstance(agent, dict):
        add(f"{where} is not an object")
        return
    if agent.get("objectType", "Agent") != "Agent":
        add(f"{where} is not an Agent")
    for key in sorted(set(agent) - AGENT_KEYS):
        add(f"unknown {where} property {key!r}")
    ifis = [key for key in IFIS if key in agent]
    if len(ifis) != 1:
        add(f"{where} has {len(ifis)} inverse functional identifiers, not one")
    if "name" in agent and not isinstance(agent["name"], str):
        add(f"{where}.name is not a string")
    if "mbox" in agent and not str(agent["mbox"]).startswith("mailto:"):
        add(f"{where}.mbox is not a mailto IRI")
    if "mbox_sha1sum" in agent and not re.fullmatch(r"[0-9a-f]{40}", str(agent["mbox_sha1sum"])):
        add(f"{where}.mbox_sha1sum is not a hex SHA1")
    if "openid" in agent and not is_iri(agent["openid"]):
        add(f"{where}.openid is not a URI")
    if "account" in agent:
        account = agent["account"]
        if not isinstance(account, dict) or set(account) != {"homePage", "name"}:
            add(f"{where}.account needs homePage and name, and nothing else")
        else:
            if not is_irl(account["homePage"]):
                add(f"{where}.account.homePage is not an IRL")
            if not (isinstance(account["name"], str) and account["name"]):
                add(f"{where}.account.name is not a string")


def _check_verb(verb: Any, add: Add) -> None:
    if not isinstance(verb, dict):
        add("verb is not an object")
        return
    for key in sorted(set(verb) - {"id", "display"}):
        add(f"unknown verb property {key!r}")
    if not is_iri(verb.get("id")):
        add(f"verb id {verb.get('id')!r} is not an IRI")
    if "display" in verb:
        _check_language_map(verb["display"], "verb.display", add)


def _check_activity(activity: Any, where: str, add: Add) -> None:
    if not isinstance(activity, dict):
        add(f"{where} is not an object")
        return
    if activity.get("objectType", "Activity") != "Activity":
        add(f"{where} is not an Activity")
    for key in sorted(set(activity) - {"objectType", "id", "definition"}):
        add(f"unknown {where} property {key!r}")
    if not is_iri(activity.get("id")):
        add(f"{where} id {activity.get('id')!r} is not an IRI")
    definition = activity.get("definition", {})
    if not isinstance(definition, dict):
        add(f"{where}.definition is not an object")
        return
    for key in sorted(set(definition) - DEFINITION_KEYS):
        add(f"unknown {where}.definition property {key!r}")
    for key in ("name", "description"):
        if key in definition:
            _check_language_map(definition[key], f"{where}.definition.{key}", add)
    if "type" in definition and not is_iri(definition["type"]):
        add(f"{where}.definition.type is not an IRI")
    if "moreInfo" in definition and not is_irl(definition["moreInfo"]):
        add(f"{where}.definition.moreInfo is not an IRL")
    if "extensions" in definition:
        _check_extensions(definition["extensions"], f"{where}.definition.extensions", add)


def _check_object(obj: Any, add: Add) -> bool:
    """Check the object; whether it is an Activity."""
    kind = obj.get("objectType", "Activity") if isinstance(obj, dict) else None
    if kind == "Activity":
        _check_activity(obj, "object", add)
        return True
    if kind in ("Agent", "Group"):
        _check_actor(obj, "object", add)
    elif kind == "StatementRef":
        if not (isinstance(obj.get("id"), str) and UUID.match(obj["id"])):
            add("object StatementRef id is not a UUID")
    else:
        add(f"object type {kind!r} is not one this checker knows")
    return False


def _check_result(result: Any, add: Add) -> None:
    if not isinstance(result, dict):
        add("result is not an object")
        return
    for key in sorted(set(result) - RESULT_KEYS):
        add(f"unknown result property {key!r}")
    for key in ("success", "completion"):
        if key in result and not isinstance(result[key], bool):
            add(f"result.{key} is not a boolean")
    if "response" in result and not isinstance(result["response"], str):
        add("result.response is not a string")
    if "extensions" in result:
        _check_extensions(result["extensions"], "result.extensions", add)
    if "score" not in result:
        return
    score = result["score"]
    if not isinstance(score, dict):
        add("result.score is not an object")
        return
    for key in sorted(set(score) - SCORE_KEYS):
        add(f"unknown score property {key!r}")
    for key in sorted(SCORE_KEYS & set(score)):
        if not is_number(score[key]):
            add(f"score.{key} is not a number")
    if not all(is_number(v) for v in score.values()):
        return
    if "scaled" in score and not -1 <= score["scaled"] <= 1:
        add(f"score.scaled {score['scaled']} is not between -1 and 1")
    low, high, raw = score.get("min"), score.get("max"), score.get("raw")
    if low is not None and high is not None and not low < high:
        add(f"score.min {low} is not below score.max {high}")
    if raw is not None and low is not None and raw < low:
        add(f"score.raw {raw} is below score.min {low}")
    if raw is not None and high is not None and raw > high:
        add(f"score.raw {raw} is above score.max {high}")


def _check_context(context: Any, activity: bool, add: Add) -> None:
    if not isinstance(context, dict):
        add("context is not an object")
        return
    for key in sorted(set(context) - CONTEXT_KEYS):
        add(f"unknown context property {key!r}")
    if "registration" in context and not UUID.match(str(context["registration"])):
        add("context.registration is not a UUID")
    for key in ("revision", "platform"):
        if key in context:
            if not isinstance(context[key], str):
                add(f"context.{key} is not a string")
            if not activity:
                add(f"context.{key} is only for a statement about an Activity")
    if "language" in context and not LANGUAGE_TAG.match(str(context["language"])):
        add("context.language is not an RFC 5646 language tag")
    if "instructor" in context:
        _check_actor(context["instructor"], "context.instructor", add)
    if "extensions" in context:
        _check_extensions(context["extensions"], "context.extensions", add)
    activities = context.get("contextActivities", {})
    if not isinstance(activities, dict):
        add("context.contextActivities is not an object")
        return
    for key, value in activities.items():
        if key not in CONTEXT_ACTIVITY_KEYS:
            add(f"unknown contextActivities property {key!r}")
        for index, inner in enumerate(value if isinstance(value, list) else [value]):
            _check_activity(inner, f"context.contextActivities.{key}[{index}]", add)


def _check_timestamp(value: Any, key: str, add: Add) -> None:
    try:
        when = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        add(f"{key} {value!r} is not an ISO 8601 timestamp")
        return
    if "T" not in value or when.tzinfo is None:
        add(f"{key} {value!r} has no time or no time zone")


# -- roads ---------------------------------------------------------------------------------


def whole_road(youth: str = "y-abc") -> list[Event]:
    """Every kind of event, on a road the journey allows, with a note wherever one may be."""
    signalled, registered, intake, consent, placed, joined = member(youth)
    return [
        signalled,
        registered,
        intake,
        consent,
        event(EventKind.WAITLISTED, youth, group=GROUP),
        placed,
        joined,
        *(attended(youth, status) for status in AttendanceStatus),
        event(
            EventKind.ASSESSED,
            youth,
            rater="daan-kuijpers",
            levels=(("positieve-ervaringen", 2), ("eigen-netwerk", 3)),
            answers=(("djg-6", DJG6_ANSWERS),),
        ),
        event(EventKind.ASSESSED, youth, rater="daan-kuijpers", levels=(("eigen-netwerk", 4),)),
        event(EventKind.CHALLENGE_SET, youth, challenge="iemand-aanspreken", note=NOTES[1]),
        event(EventKind.CHALLENGE_TRIED, youth, challenge="iemand-aanspreken"),
        event(EventKind.CHALLENGE_ACHIEVED, youth, challenge="iemand-aanspreken"),
        event(EventKind.ACTIVITY_ORGANISED, youth, note=NOTES[2]),
        event(EventKind.TIE_MADE, youth, tie_with="y-def", tie=TieKind.PEER),
        event(EventKind.TIE_MADE, youth, tie_with="buurvrouw-els", tie=TieKind.OUTSIDE),
        event(EventKind.TIE_ENDED, youth, tie_with="y-def", tie=TieKind.PEER),
        event(EventKind.LEFT, youth, group=GROUP),
        event(EventKind.EXITED, youth, reason=ExitReason.SELF_RELIANT, note=NOTES[3]),
        event(EventKind.FOLLOWED_UP, youth, note=NOTES[4]),
        event(EventKind.CONSENT_WITHDRAWN, youth, by=ConsentBy.YOUTH),
    ]


def by_event(made: list[dict[str, Any]], road: list[Event]) -> dict[str, list[dict[str, Any]]]:
    """The statements of each event of *road*, by event id."""
    ids = {s["id"]: s for s in made}
    out: dict[str, list[dict[str, Any]]] = {}
    for e in road:
        keys = [statement_id(e.id)] + [statement_id(e.id, name) for name, _ in e.answers]
        out[e.id] = [ids[k] for k in keys if k in ids]
    return out


# -- the checker itself --------------------------------------------------------------------

GOOD: dict[str, Any] = {
    "id": "12345678-1234-5678-9234-567812345678",
    "actor": {"objectType": "Agent", "account": {"homePage": "https://example.nl", "name": "1"}},
    "verb": {"id": ADL + "attended", "display": {"en-US": "attended", "nl-NL": "was bij"}},
    "object": {
        "objectType": "Activity",
        "id": "https://example.nl/a%40b",
        "definition": {"name": {"en": "A"}},
    },
    "result": {"score": {"scaled": 0.5, "raw": 3, "min": 0, "max": 6}},
    "context": {"platform": "p", "language": "nl-NL"},
    "timestamp": "2021-05-11T12:00:00.000Z",
    "version": "1.0.0",
}


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(s: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        for key in parents:
            s = s[key]
        s[last] = value

    return change


BREAKS: Mapping[str, Callable[[dict[str, Any]], None]] = {
    "not a UUID": _set("id", "e-1"),
    "unknown statement property": _set("note", "x"),
    "inverse functional identifiers": _set("actor.mbox", "mailto:a@example.nl"),
    "homePage is not an IRL": _set("actor.account.homePage", "joinus"),
    "verb id": _set("verb.id", "attended"),
    "language tag": _set("verb.display", {"en_US": "attended"}),
    "object id": _set("object.id", "/sessions/1"),
    "is not an IRI": _set("object.id", "https://example.nl/a b"),
    "between -1 and 1": _set("result.score.scaled", 1.5),
    "above score.max": _set("result.score.raw", 7),
    "below score.max": _set("result.score.min", 6),
    "not a number": _set("result.score.raw", "3"),
    "key 'levels' is not an IRI": _set("result.extensions", {"levels": 1}),
    "no time zone": _set("timestamp", "2021-05-11T12:00:00"),
    "not an ISO 8601": _set("timestamp", "11-05-2021"),
    "does not start with '1.0.'": _set("version", "1.1.0"),
    "is null": _set("context.platform", None),
    "no verb": lambda s: s.pop("verb"),
}


def test_the_checker_passes_a_good_statement() -> None:
    assert check_statement(GOOD) == []


@pytest.mark.parametrize("problem", sorted(BREAKS))
def test_the_checker_finds_each_broken_rule(problem: str) -> None:
    broken = copy.deepcopy(GOOD)
    BREAKS[problem](broken)
    found = check_statement(broken)
    assert any(problem in p for p in found), found


# -- 1. every kind of event ----------------------------------------------------------------


def test_the_whole_road_is_one_the_journey_allows() -> None:
    road = whole_road()
    replay(road)
    assert {e.kind for e in road} == set(EventKind)


@pytest.mark.parametrize("framework", [None, FRAMEWORK], ids=["plain", "framework"])
def test_every_kind_of_event_gives_valid_statements(framework: Any) -> None:
    road = whole_road()
    made = statements(road, framework=framework)
    for s in made:
        assert check_statement(s) == [], s
        assert "stored" not in s
        assert "authority" not in s
        assert s["version"] == VERSION == "1.0.0"
        assert s["context"]["platform"] == "joinus_method"
        assert set(s["verb"]["display"]) == set(s["object"]["definition"]["name"])
        assert set(s["verb"]["display"]) == {"en-US", "nl-NL"}
    for e, own in by_event(made, road).items():
        assert own, f"event {e} gives no statement"
    assert len(made) == len(road)


EXPECTED_VERBS = {
    EventKind.SIGNALLED: (BASE + "/verbs/signalled", BASE + "/programme"),
    EventKind.REGISTERED: (ADL + "registered", BASE + "/programme"),
    EventKind.INTAKE_HELD: (ADL + "attended", BASE + "/intake"),
    EventKind.CONSENT_GIVEN: (BASE + "/verbs/gave-consent", BASE + "/programme"),
    EventKind.CONSENT_WITHDRAWN: (BASE + "/verbs/withdrew-consent", BASE + "/programme"),
    EventKind.WAITLISTED: (BASE + "/verbs/waitlisted", f"{BASE}/groups/{GROUP}"),
    EventKind.PLACED: (BASE + "/verbs/placed", f"{BASE}/groups/{GROUP}"),
    EventKind.JOINED: (STREAMS + "join", f"{BASE}/groups/{GROUP}"),
    EventKind.LEFT: (STREAMS + "leave", f"{BASE}/groups/{GROUP}"),
    EventKind.CHALLENGE_SET: (
        "http://id.tincanapi.com/verb/defined",
        BASE + "/challenges/iemand-aanspreken",
    ),
    EventKind.CHALLENGE_TRIED: (ADL + "attempted", BASE + "/challenges/iemand-aanspreken"),
    EventKind.CHALLENGE_ACHIEVED: (ADL + "completed", BASE + "/challenges/iemand-aanspreken"),
    EventKind.ACTIVITY_ORGANISED: (STREAMS + "host", BASE + "/peer-activity"),
    EventKind.EXITED: (ADL + "exited", BASE + "/programme"),
    EventKind.FOLLOWED_UP: (BASE + "/verbs/followed-up", BASE + "/programme"),
}


def test_the_verb_and_object_of_each_kind() -> None:
    road = whole_road()
    own = by_event(statements(road), road)
    seen: set[EventKind] = set()
    for e in road:
        (s,) = own[e.id][:1]
        verb, obj = s["verb"]["id"], s["object"]["id"]
        if e.kind in EXPECTED_VERBS:
            assert (verb, obj) == EXPECTED_VERBS[e.kind], e.kind
        elif e.kind is EventKind.ATTENDED:
            missed = e.status in (AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT)
            assert verb == (BASE + "/verbs/missed" if missed else ADL + "attended")
            assert obj == BASE + "/sessions/" + SESSION.replace("@", "%40")
            assert s["result"]["extensions"] == {BASE + "/extensions/attendance": e.status}
        elif e.kind is EventKind.ASSESSED:
            if e.answers:
                assert (verb, obj) == (ADL + "answered", BASE + "/instruments/djg-6")
            else:
                assert (verb, obj) == (ADL + "progressed", BASE + "/self-reliance")
        else:
            assert e.kind in (EventKind.TIE_MADE, EventKind.TIE_ENDED)
            made = e.kind is EventKind.TIE_MADE
            assert verb == BASE + ("/verbs/made-tie" if made else "/verbs/ended-tie")
            assert obj == BASE + "/ties/" + ("peer" if e.tie is TieKind.PEER else "outside")
        seen.add(e.kind)
    assert seen == set(EventKind)


def test_the_group_is_the_context_while_the_youth_is_in_it() -> None:
    road = whole_road()
    own = by_event(statements(road), road)
    grouped: dict[EventKind, bool] = {
        e.kind: "contextActivities" in own[e.id][0]["context"]
        for e in road
        if e.kind is not EventKind.ASSESSED
    }
    group_id = f"{BASE}/groups/{GROUP}"
    for e in road:
        context = own[e.id][0]["context"]
        if "contextActivities" in context:
            assert context["contextActivities"] == {
                "grouping": [
                    {
                        "objectType": "Activity",
                        "id": group_id,
                        "definition": {
                            "name": {"en-US": f"Group {GROUP}", "nl-NL": f"Groep {GROUP}"},
                            "type": STREAMS + "group",
                        },
                    }
                ]
            }
    # Placed in, joined and left the group are about the group itself; before and after
    # being in it there is no group.
    for kind in (EventKind.SIGNALLED, EventKind.PLACED, EventKind.JOINED, EventKind.LEFT):
        assert not grouped[kind], kind
    for kind in (EventKind.EXITED, EventKind.FOLLOWED_UP, EventKind.CONSENT_WITHDRAWN):
        assert not grouped[kind], kind
    for kind in (EventKind.ATTENDED, EventKind.CHALLENGE_SET, EventKind.TIE_MADE):
        assert grouped[kind], kind


def test_the_group_is_followed_for_each_youth_apart() -> None:
    one, other = whole_road("y-een"), whole_road("y-twee")
    mixed = [e for pair in zip(one, other, strict=True) for e in pair]
    together = statements(mixed)
    apart = statements(one) + statements(other)
    assert sorted(together, key=lambda s: s["id"]) == sorted(apart, key=lambda s: s["id"])


def test_programme_words_go_under_extension_iris() -> None:
    road = whole_road()
    own = by_event(statements(road), road)
    first = {e.kind: own[e.id][0] for e in reversed(road)}
    ext = BASE + "/extensions/"
    assert first[EventKind.SIGNALLED]["context"]["extensions"] == {ext + "signal-source": "school"}
    assert first[EventKind.CONSENT_GIVEN]["context"]["extensions"] == {ext + "consent-by": "youth"}
    assert first[EventKind.INTAKE_HELD]["result"] == {
        "extensions": {ext + "intake-outcome": "suitable"}
    }
    assert first[EventKind.EXITED]["result"] == {
        "extensions": {ext + "exit-reason": "self-reliant"}
    }


def test_the_timestamp_is_noon_utc_of_the_day_it_occurred() -> None:
    (s,) = statements([event(EventKind.REGISTERED, day=dt.date(2021, 3, 28))])
    assert s["timestamp"] == "2021-03-28T12:00:00.000Z"
    assert dt.datetime.fromisoformat(s["timestamp"]).date() == dt.date(2021, 3, 28)


def test_an_event_recorded_that_morning_is_not_stamped_in_the_future() -> None:
    day = dt.date(2021, 6, 1)
    morning = dt.datetime(2021, 6, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    early = Event(
        kind=EventKind.REGISTERED,
        youth="y-abc",
        occurred=day,
        recorded_by="daan-kuijpers",
        recorded_at=morning,
        id="e-morning",
    )
    (s,) = statements([early])
    assert s["timestamp"] == "2021-06-01T07:30:00.000Z"


def test_the_base_and_home_page_are_the_caller_s() -> None:
    (s,) = statements(
        [event(EventKind.JOINED, group="groep a/b")],
        home_page="https://jongerenwerk.example.nl",
        activity_base="https://jongerenwerk.example.nl/xapi/",
    )
    assert check_statement(s) == []
    assert s["actor"]["account"] == {"homePage": "https://jongerenwerk.example.nl", "name": "y-abc"}
    assert s["object"]["id"] == "https://jongerenwerk.example.nl/xapi/groups/groep%20a%2Fb"


# -- 2. no personal data, no free text -----------------------------------------------------


def test_no_statement_holds_a_name_or_free_text(tmp_path: Path) -> None:
    road = whole_road()
    assert {e.note for e in road} - {None} == set(NOTES)
    with open_store(tmp_path / "jongeren.sqlite") as store:
        store.set_personal(PersonalData("y-abc", NAME, dt.date(2001, 2, 3), CONTACT))
        store.record(road)
        assert store.personal("y-abc") is not None
        made = statements(store.events("y-abc"), framework=FRAMEWORK)
    text = json.dumps(made, ensure_ascii=False)
    secrets = [NAME, *NAME.replace("-", " ").split(), CONTACT, "2001-02-03", *NOTES]
    # Who recorded or rated, and with whom a tie is, are left out too.
    secrets += ["daan-kuijpers", "y-def", "buurvrouw-els"]
    for secret in secrets:
        assert secret not in text, secret
    for s in made:
        assert s["actor"] == {
            "objectType": "Agent",
            "account": {"homePage": "https://joinus-method.nl", "name": "y-abc"},
        }


@given(note=st.text(min_size=1, max_size=40))
def test_no_note_ever_goes_out(note: str) -> None:
    marked = f"NOTITIE:{note}"
    road = [
        event(EventKind.CHALLENGE_SET, challenge="c-1", note=marked),
        event(EventKind.ACTIVITY_ORGANISED, note=marked),
        event(EventKind.FOLLOWED_UP, note=marked),
    ]
    made = statements(road)
    assert "NOTITIE" not in json.dumps(made, ensure_ascii=False)
    assert "NOTITIE" not in json.dumps(made)


# -- 3. stable, unique ids -----------------------------------------------------------------


def test_statement_ids_are_stable_and_unique() -> None:
    road = whole_road()
    first = statements(road, framework=FRAMEWORK)
    again = statements(list(road), framework=FRAMEWORK)
    assert first == again
    ids = [s["id"] for s in first]
    assert len(set(ids)) == len(ids)
    for s in first:
        assert uuid.UUID(s["id"]).version == 5
    other = statements(whole_road(), framework=FRAMEWORK)  # the same road, new event ids
    assert not set(ids) & {s["id"] for s in other}


def test_ids_survive_the_store(tmp_path: Path) -> None:
    road = whole_road()
    with open_store(tmp_path / "jongeren.sqlite") as store:
        store.record(road)
        read_back = store.events()
    assert statements(read_back) == statements(road)


EVENT_IDS = st.text(st.characters(categories=("L", "N", "Pd")), min_size=1, max_size=12)


@given(ids=st.lists(EVENT_IDS, min_size=1, max_size=20, unique=True))
def test_one_id_per_event(ids: list[str]) -> None:
    road = [
        Event(
            kind=EventKind.REGISTERED,
            youth="y-abc",
            occurred=dt.date(2021, 5, 11),
            recorded_by="daan",
            recorded_at=dt.datetime(2021, 6, 1, tzinfo=dt.UTC),
            id=i,
        )
        for i in ids
    ]
    made = statements(road)
    assert [s["id"] for s in made] == [statement_id(i) for i in ids]
    assert len({s["id"] for s in made}) == len(ids)


def test_an_assessment_of_two_instruments_gives_a_statement_on_each() -> None:
    ucla = ((1, "soms"), (2, "vaak"), (3, "bijna-nooit"))
    both = event(
        EventKind.ASSESSED,
        rater="daan",
        levels=(("eigen-netwerk", 3),),
        answers=(("djg-6", DJG6_ANSWERS), ("ucla-3", ucla)),
    )
    made = statements([both], framework=FRAMEWORK)
    assert [s["id"] for s in made] == [
        statement_id(both.id, "djg-6"),
        statement_id(both.id, "ucla-3"),
    ]
    assert [s["object"]["id"] for s in made] == [
        BASE + "/instruments/djg-6",
        BASE + "/instruments/ucla-3",
    ]
    for s in made:
        assert check_statement(s) == []
        assert s["result"]["extensions"] == {BASE + "/extensions/levels": {"eigen-netwerk": 3}}
    assert made[1]["result"]["score"] == {"scaled": 0.5, "raw": 6, "min": 3, "max": 9}


# -- 4. scores with the framework ----------------------------------------------------------


def test_a_djg6_score_with_the_framework() -> None:
    assessed = event(
        EventKind.ASSESSED,
        rater="daan",
        levels=(("positieve-ervaringen", 2),),
        answers=(("djg-6", DJG6_ANSWERS),),
    )
    (s,) = statements([assessed], framework=FRAMEWORK)
    assert s["result"] == {
        "score": {"scaled": 0.5, "raw": 3, "min": 0, "max": 6},
        "completion": True,
        "extensions": {BASE + "/extensions/levels": {"positieve-ervaringen": 2}},
    }
    assert FRAMEWORK.instrument("djg-6").score(dict(DJG6_ANSWERS)).total == 3


LEAST = ((1, "nee"), (2, "ja"), (3, "ja"), (4, "nee"), (5, "ja"), (6, "nee"))
MOST = ((1, "ja"), (2, "nee"), (3, "nee"), (4, "ja"), (5, "nee"), (6, "ja"))


@pytest.mark.parametrize(("answers", "raw", "scaled"), [(LEAST, 0, 0.0), (MOST, 6, 1.0)])
def test_the_djg6_ends_scale_to_0_and_1(
    answers: tuple[tuple[int, str], ...], raw: int, scaled: float
) -> None:
    assessed = event(EventKind.ASSESSED, rater="daan", answers=(("djg-6", answers),))
    (s,) = statements([assessed], framework=FRAMEWORK)
    assert check_statement(s) == []
    assert s["result"] == {
        "score": {"scaled": scaled, "raw": raw, "min": 0, "max": 6},
        "completion": True,
    }


def test_a_djg6_with_an_answer_missing() -> None:
    """One missing answer still gives a total (scored as 0), but not a complete list; two
    give no score at all."""
    one = event(EventKind.ASSESSED, rater="daan", answers=(("djg-6", DJG6_ANSWERS[:-1]),))
    two = event(EventKind.ASSESSED, rater="daan", answers=(("djg-6", DJG6_ANSWERS[:-2]),))
    first, second = statements([one, two], framework=FRAMEWORK)
    assert first["result"] == {
        "score": {"scaled": 0.5, "raw": 3, "min": 0, "max": 6},
        "completion": False,
    }
    assert "result" not in second


def test_without_a_framework_only_the_levels_go_out() -> None:
    assessed = event(
        EventKind.ASSESSED,
        rater="daan",
        levels=(("positieve-ervaringen", 2), ("eigen-netwerk", 3)),
        answers=(("djg-6", DJG6_ANSWERS),),
    )
    (s,) = statements([assessed])
    assert s["result"] == {
        "extensions": {BASE + "/extensions/levels": {"positieve-ervaringen": 2, "eigen-netwerk": 3}}
    }
    (bare,) = statements([event(EventKind.ASSESSED, rater="daan", answers=(("djg-6", LEAST),))])
    assert "result" not in bare


@pytest.mark.parametrize(
    "answers",
    [("onbekend", ((1, "ja"),)), ("djg-6", ((1, "misschien"),)), ("djg-6", ((9, "ja"),))],
    ids=["unknown instrument", "unknown answer", "no such item"],
)
def test_answers_the_framework_cannot_score_give_no_score(
    answers: tuple[str, tuple[tuple[int, str], ...]],
) -> None:
    assessed = event(EventKind.ASSESSED, rater="daan", answers=(answers,))
    (s,) = statements([assessed], framework=FRAMEWORK)
    assert check_statement(s) == []
    assert "result" not in s


# -- 5. JSON -------------------------------------------------------------------------------


@pytest.mark.parametrize("framework", [None, FRAMEWORK], ids=["plain", "framework"])
def test_statements_are_json(framework: Any) -> None:
    made = statements(whole_road(), framework=framework)
    text = json.dumps(made, allow_nan=False)
    assert json.loads(text) == made
