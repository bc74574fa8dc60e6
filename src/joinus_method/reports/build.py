"""The reports, computed from a program's tracker as of a date.

- :func:`youth_report`: a youth's road, domain levels from baseline to now, loneliness,
  challenges and network, by pseudonym.
- :func:`group_report`: a group's roster, attendance grid, the peer ties among its members
  month by month, and the activities its youths organised.
- :func:`evening_report`: the sign-in sheet and the agenda of personal moments of one planned
  evening, fit for one A4; names only when the worker's own names are given.
- :func:`programme_report`: aggregates only, over the whole programme or one municipality:
  reach, attendance, share self-reliant at exit, loneliness before and after. A count under
  :data:`~joinus_method.tracking.views.SMALLEST_COUNT` is suppressed, and so is the smallest
  other count of its row when one could work it out from the total.
"""

from __future__ import annotations

import collections
import datetime as dt
import enum
from collections.abc import Iterable, Mapping, Sequence

from joinus_method.errors import UnknownId
from joinus_method.messages import Message, msg, msg_n
from joinus_method.model.youths import Membership
from joinus_method.tracking.events import (
    AttendanceStatus,
    ConsentBy,
    Event,
    EventKind,
    ExitReason,
    IntakeOutcome,
    SignalSource,
    TieKind,
)
from joinus_method.tracking.journey import Stage, YouthState, advance
from joinus_method.tracking.progress import Progress, tie_graph, ties_on
from joinus_method.tracking.signals import Signal
from joinus_method.tracking.tracker import AttendanceGrid, Tracker
from joinus_method.tracking.views import SMALLEST_COUNT

from . import charts
from .document import Cell, Facts, Paragraph, Report, Section, Table

__all__ = [
    "EVENT_WORDS",
    "STATUS_WORDS",
    "coach_report",
    "evening_report",
    "group_report",
    "programme_report",
    "suppressed",
    "worker_report",
    "youth_report",
]

EVENT_WORDS: Mapping[EventKind, Message] = {
    EventKind.SIGNALLED: msg("signalled"),
    EventKind.REGISTERED: msg("registered"),
    EventKind.INTAKE_HELD: msg("intake held"),
    EventKind.CONSENT_GIVEN: msg("consent given"),
    EventKind.CONSENT_WITHDRAWN: msg("consent withdrawn"),
    EventKind.WAITLISTED: msg("on the waiting list"),
    EventKind.PLACED: msg("placed in a group"),
    EventKind.JOINED: msg("joined the group"),
    EventKind.LEFT: msg("left the group"),
    EventKind.ATTENDED: msg("evening attended"),
    EventKind.ASSESSED: msg("assessed"),
    EventKind.CHALLENGE_SET: msg("challenge set"),
    EventKind.CHALLENGE_TRIED: msg("challenge tried"),
    EventKind.CHALLENGE_ACHIEVED: msg("challenge achieved"),
    EventKind.ACTIVITY_ORGANISED: msg("activity organised"),
    EventKind.TIE_MADE: msg("tie made"),
    EventKind.TIE_ENDED: msg("tie ended"),
    EventKind.EXITED: msg("left the programme"),
    EventKind.FOLLOWED_UP: msg("followed up"),
}
"""How each kind of event reads in a report."""

STATUS_WORDS: Mapping[AttendanceStatus, Message] = {
    AttendanceStatus.PRESENT: msg("present"),
    AttendanceStatus.LATE: msg("late"),
    AttendanceStatus.EXCUSED: msg("excused"),
    AttendanceStatus.ABSENT: msg("absent"),
}

_DETAIL_WORDS: Mapping[enum.Enum, Message] = {
    SignalSource.SCHOOL: msg("by the school"),
    SignalSource.GP: msg("by the GP"),
    SignalSource.PARENT: msg("by a parent"),
    SignalSource.YOUTH_WORKER: msg("by a youth worker"),
    SignalSource.SELF: msg("by the youth themselves"),
    SignalSource.OTHER: msg("by someone else"),
    IntakeOutcome.SUITABLE: msg("suitable"),
    IntakeOutcome.NOT_SUITABLE: msg("not suitable"),
    IntakeOutcome.REFERRED: msg("referred elsewhere"),
    ConsentBy.YOUTH: msg("by the youth"),
    ConsentBy.PARENT: msg("by a parent or guardian"),
    ExitReason.SELF_RELIANT: msg("socially self-reliant"),
    ExitReason.DROPPED_OUT: msg("dropped out"),
    ExitReason.MOVED: msg("moved"),
    ExitReason.OTHER: msg("other reason"),
}

_STAGE_WORDS: Mapping[Stage, Message] = {
    Stage.NEW: msg("new"),
    Stage.SIGNALLED: msg("signalled"),
    Stage.REGISTERED: msg("registered"),
    Stage.INTAKE_DONE: msg("intake done"),
    Stage.NOT_ADMITTED: msg("not admitted"),
    Stage.WAITING: msg("on the waiting list"),
    Stage.PLACED: msg("placed in a group"),
    Stage.MEMBER: msg("member of a group"),
    Stage.OUT_OF_GROUP: msg("between groups"),
    Stage.EXITED: msg("left the programme"),
    Stage.FOLLOWED_UP: msg("followed up"),
}


# -- a youth ---------------------------------------------------------------------------------


def youth_report(tracker: Tracker, youth: str, as_of: dt.date) -> Report:
    """*youth*'s report as of *as_of*, by pseudonym."""
    events = [e for e in tracker.journey(youth) if e.occurred <= as_of]
    progress = tracker.progress(youth, as_of)
    framework = tracker.framework
    titles = {d.id: d.title for d in framework.domains}
    now: list[tuple[str | Message, Cell]] = [
        (msg("Stage"), _STAGE_WORDS[_stage(youth, events)]),
        (msg("Group"), _group_of(events)),
        (msg("Ready to leave"), msg("yes") if progress.ready else msg("no")),
    ]
    timeline = tuple(
        (e.occurred.isoformat(), EVENT_WORDS[e.kind], _detail(e))
        for e in sorted(events, key=lambda e: e.occurred)
        if e.kind is not EventKind.ATTENDED
    )
    attended = [e for e in events if e.kind is EventKind.ATTENDED]
    came = sum(1 for e in attended if e.status in (AttendanceStatus.PRESENT, AttendanceStatus.LATE))
    levels = tuple(
        (
            titles.get(domain, domain),
            change.baseline.level if change.baseline else None,
            change.latest.level if change.latest else None,
            change.change,
            progress.distance.get(domain),
        )
        for domain, change in progress.changes.items()
    )
    loneliness = tuple(
        (
            name,
            _score(change.baseline.score.total, change.baseline.score.band),
            _score(change.latest.score.total, change.latest.score.band),
            change.steps,
        )
        for name, change in progress.loneliness.items()
    )
    sections = [
        Section(msg("Where the youth stands"), (Facts(tuple(now)),)),
        Section(
            msg("Road so far"),
            (
                Paragraph(
                    msg_n(
                        "Attended {came} of {count} evening recorded.",
                        "Attended {came} of {count} evenings recorded.",
                        len(attended),
                        came=came,
                    )
                ),
                Table(msg("Events, by date"), (msg("Date"), msg("What"), msg("Detail")), timeline),
            ),
        ),
        Section(
            msg("Domain levels"),
            (
                charts.or_hint(
                    charts.progress_star,
                    [row[0] for row in levels],
                    [row[1] for row in levels],
                    [row[2] for row in levels],
                    len(framework.levels),
                ),
                Table(
                    msg("Levels from the baseline to the latest assessment"),
                    (
                        msg("Domain"),
                        msg("Baseline"),
                        msg("Latest"),
                        msg("Change"),
                        msg("Levels to go"),
                    ),
                    levels,
                ),
            ),
        ),
        Section(
            msg("Loneliness"),
            (
                Table(
                    msg("Scores from the baseline to the latest"),
                    (msg("Questionnaire"), msg("Baseline"), msg("Latest"), msg("Bands changed")),
                    loneliness,
                )
                if loneliness
                else Paragraph(msg("No questionnaire answered yet.")),
            ),
        ),
        Section(msg("Personal challenges"), (_challenges(events),)),
        Section(msg("Own network"), (_network(progress),)),
    ]
    if progress.gaps:
        sections.insert(
            1,
            Section(msg("Still to do before leaving"), tuple(Paragraph(g) for g in progress.gaps)),
        )
    return Report(
        msg("Youth {youth}", youth=youth),
        as_of,
        tuple(sections),
        notice=msg("By pseudonym: this report holds no name or contact details."),
    )


def _stage(youth: str, events: Sequence[Event]) -> Stage:
    """Where *youth* stood after *events* (those up to the report's day, as recorded)."""
    return advance(YouthState(youth), events).stage


def _group_of(events: Sequence[Event]) -> Cell:
    group: str | None = None
    for e in events:
        if e.kind in (EventKind.WAITLISTED, EventKind.PLACED, EventKind.JOINED):
            group = e.group
        elif e.kind in (EventKind.LEFT, EventKind.EXITED):
            group = None
    return group


def _detail(event: Event) -> Cell:
    for said in (event.source, event.outcome, event.by, event.reason):
        if said is not None:
            return _DETAIL_WORDS.get(said, said.value)
    if event.group is not None:
        return event.group
    if event.challenge is not None:
        return event.challenge
    if event.tie is not None:
        return msg("with a peer") if event.tie is TieKind.PEER else msg("with someone outside")
    if event.kind is EventKind.ASSESSED:
        return msg("rated by {rater}", rater=event.rater or "")
    return None


def _score(total: int | None, band: object) -> Cell:
    if total is None:
        return None
    label = getattr(band, "label", None)
    return f"{total} ({label})" if label else str(total)


def _challenges(events: Sequence[Event]) -> Table | Paragraph:
    steps: dict[str, tuple[EventKind, dt.date]] = {}
    for e in events:
        if e.challenge is not None:
            steps[e.challenge] = (e.kind, e.occurred)
    if not steps:
        return Paragraph(msg("No personal challenge set yet."))
    return Table(
        msg("Each challenge and its last step"),
        (msg("Challenge"), msg("Last step"), msg("Date")),
        tuple((c, EVENT_WORDS[k], d.isoformat()) for c, (k, d) in steps.items()),
    )


def _network(progress: Progress) -> Facts:
    n = progress.network
    items: list[tuple[str | Message, Cell]] = [
        (msg("Ties now"), n.size),
        (msg("with peers"), n.peers),
        (msg("with people outside the group"), n.outside),
    ]
    if n.followed_up is not None:
        items.append((msg("Ties at the follow-up"), n.at_follow_up))
    return Facts(tuple(items))


# -- a group ---------------------------------------------------------------------------------


def group_report(tracker: Tracker, group: str, as_of: dt.date) -> Report:
    """*group*'s report as of *as_of*: roster, attendance, cohesion and activities."""
    plan = tracker.series_plan(group)
    members = tracker.memberships(group)
    grid = tracker.attendance_grid(group, as_of)
    events = [e for e in tracker.store.group_events(group) if e.occurred <= as_of]
    roster = tuple(
        (m.youth, m.joined.isoformat(), m.left.isoformat() if m.left else None)
        for m in members
        if m.joined <= as_of
    )
    short = {AttendanceStatus.PRESENT: "✓"}
    rows = []
    for youth in grid.youths:
        cells: list[Cell] = [youth]
        for cell in grid.row(youth):
            if isinstance(cell, AttendanceStatus):
                cells.append(short.get(cell, STATUS_WORDS[cell]))
            else:
                cells.append("?" if cell is None else "")
        rows.append(tuple(cells))
    recorded = [c for y in grid.youths for c in grid.row(y) if c not in (False, None)]
    came = sum(1 for c in recorded if c in (AttendanceStatus.PRESENT, AttendanceStatus.LATE))
    activities = tuple(
        (e.occurred.isoformat(), e.youth)
        for e in sorted(events, key=lambda e: e.occurred)
        if e.kind is EventKind.ACTIVITY_ORGANISED
    )
    return Report(
        msg("Group {group}", group=plan.series.title),
        as_of,
        (
            Section(
                msg("Members"),
                (
                    Paragraph(
                        msg_n(
                            "{count} youth in the group on this day.",
                            "{count} youths in the group on this day.",
                            len(tracker.roster(group, as_of)),
                        )
                    ),
                    Table(
                        msg("Everyone who joined, by pseudonym"),
                        (msg("Youth"), msg("Joined"), msg("Left")),
                        roster,
                    ),
                ),
            ),
            Section(
                msg("Attendance"),
                (
                    Paragraph(
                        msg(
                            "Present or late at {came} of {count} recorded evenings "
                            "(✓ present, ? not recorded).",
                            came=came,
                            count=len(recorded),
                        )
                    ),
                    charts.or_hint(charts.attendance_heatmap, *_heat(grid)),
                    Table(
                        msg("Attendance per evening"),
                        (msg("Youth"), *(s.day.strftime("%d-%m") for s in grid.sessions)),
                        tuple(rows),
                    ),
                ),
            ),
            Section(
                msg("Cohesion"),
                (
                    charts.or_hint(charts.ties_drawing, *_ties_now(events, members, as_of)),
                    _cohesion(events, members, as_of),
                ),
            ),
            Section(
                msg("Activities organised by the youths"),
                (
                    Table(
                        msg("Activities, by date"), (msg("Date"), msg("Organised by")), activities
                    )
                    if activities
                    else Paragraph(msg("No activity organised yet.")),
                ),
            ),
        ),
        notice=msg("By pseudonym: this report holds no name or contact details."),
    )


def _heat(grid: AttendanceGrid) -> tuple[list[str], list[str], list[list[int]]]:
    scale = {
        AttendanceStatus.PRESENT: 2,
        AttendanceStatus.LATE: 2,
        AttendanceStatus.EXCUSED: 1,
        AttendanceStatus.ABSENT: 0,
    }
    cells = [
        [scale[c] if isinstance(c, AttendanceStatus) else -1 for c in grid.row(y)]
        for y in grid.youths
    ]
    return list(grid.youths), [s.day.strftime("%d-%m") for s in grid.sessions], cells


def _ties_now(
    events: Sequence[Event], members: Sequence[Membership], as_of: dt.date
) -> tuple[list[str], list[tuple[str, str]]]:
    present = [m.youth for m in members if m.active_on(as_of)]
    nodes = {("youth", y) for y in present}
    now = ties_on(tie_graph(events, as_of), as_of)
    ties = [(u[1], v[1]) for u, v in now.edges if u in nodes and v in nodes]
    return present, ties


def _cohesion(events: Sequence[Event], members: Sequence[Membership], as_of: dt.date) -> Table:
    """Peer ties among the group's members at the start of each month."""
    graph = tie_graph(events, as_of)
    rows = []
    day = min((m.joined for m in members), default=as_of).replace(day=1)
    while day <= as_of:
        present = {("youth", m.youth) for m in members if m.active_on(day)}
        ties = sum(1 for u, v in ties_on(graph, day).edges if u in present and v in present)
        pairs = len(present) * (len(present) - 1) // 2
        rows.append((day.strftime("%Y-%m"), len(present), ties, ties / pairs if pairs else None))
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return Table(
        msg("Peer ties among the members, at the start of each month"),
        (msg("Month"), msg("Members"), msg("Peer ties"), msg("Of all possible pairs")),
        tuple(rows),
    )


# -- an evening ------------------------------------------------------------------------------


def evening_report(
    tracker: Tracker, session_uid: str, names: Mapping[str, str] | None = None
) -> Report:
    """The sign-in sheet and agenda of the planned evening *session_uid*. With *names* (the
    worker's own view: pseudonym → name) the sheet shows names, else pseudonyms."""
    agenda = tracker.agenda(session_uid)
    session = agenda.session
    group = session.series.id
    shown = names or {}
    members = tracker.roster(group, session.day)
    box = "☐"
    sheet = tuple(
        (shown.get(m.youth, m.youth), box, box, box, box)
        for m in sorted(members, key=lambda m: shown.get(m.youth, m.youth))
    )

    def who(youths: Iterable[str]) -> Paragraph:
        listed = [shown.get(y, y) for y in youths]
        return Paragraph(", ".join(listed) if listed else msg("nobody"))

    return Report(
        msg(
            "Evening of {day}: {title}",
            day=session.day.strftime("%d-%m-%Y"),
            title=session.title,
        ),
        session.day,
        (
            Section(
                msg("Sign-in sheet"),
                (
                    Table(
                        msg("Tick one box per youth"),
                        (
                            msg("Youth"),
                            STATUS_WORDS[AttendanceStatus.PRESENT],
                            STATUS_WORDS[AttendanceStatus.LATE],
                            STATUS_WORDS[AttendanceStatus.EXCUSED],
                            STATUS_WORDS[AttendanceStatus.ABSENT],
                        ),
                        sheet,
                    ),
                ),
            ),
            Section(msg("Welcome (first evening)"), (who(agenda.joins),)),
            Section(msg("Evaluation talk"), (who(agenda.evaluations),)),
            Section(msg("Farewell (last evening)"), (who(agenda.leaves),)),
        ),
        notice=(
            msg("With names: for the group's own workers only; do not leave it lying around.")
            if names
            else msg("By pseudonym: this sheet holds no names.")
        ),
    )


# -- aggregates ------------------------------------------------------------------------------


def suppressed(counts: Sequence[int]) -> list[int | None]:
    """*counts* (that add up to a total a reader can know) with each count under
    :data:`SMALLEST_COUNT` but above zero suppressed (None); when that leaves exactly one
    suppressed, the smallest other count above zero is suppressed too, so that none can be
    worked out from the total."""
    out: list[int | None] = [None if 0 < c < SMALLEST_COUNT else c for c in counts]
    if sum(1 for c in out if c is None) == 1:
        others = [(c, i) for i, c in enumerate(out) if c is not None and c > 0]
        if others:
            out[min(others)[1]] = None
    return out


def programme_report(tracker: Tracker, as_of: dt.date, municipality: str | None = None) -> Report:
    """Aggregates as of *as_of* over the whole programme, or over the groups that meet at
    *municipality*'s venues: no youth can be singled out."""
    program = tracker.program
    if municipality is not None:
        venues = {v.id for v in program.venues if v.municipality == municipality}
        groups = {g.id for g in program.groups if g.venue in venues}
        name = next((m.name for m in program.municipalities if m.id == municipality), municipality)
        title = msg("Results in {municipality}", municipality=name)
    else:
        groups = {g.id for g in program.groups}
        title = msg("Results of {programme}", programme=program.title)
    overview = tracker.overview(as_of)
    reached = {"signalled": 0, "joined": 0}
    attendance: collections.Counter[AttendanceStatus] = collections.Counter()
    exits: collections.Counter[str] = collections.Counter()
    before: collections.Counter[str] = collections.Counter()
    after: collections.Counter[str] = collections.Counter()
    named_first = tracker.framework.ready.instruments
    instrument = named_first[0] if named_first else tracker.framework.instruments[0].id
    bands = [b.label for b in tracker.framework.instrument(instrument).bands]
    for road in tracker.store.roads(as_of):
        named = {e.group for e in road.events if e.group is not None}
        if not named & groups:
            continue
        kinds = {e.kind for e in road.events}
        reached["signalled"] += 1
        if EventKind.JOINED in kinds:
            reached["joined"] += 1
        for _, _, status in road.attendance:
            attendance[status] += 1
        for e in road.events:
            if e.kind is EventKind.EXITED and e.reason is not None:
                exits[e.reason.value] += 1
        progress = overview.progress.get(road.youth)
        change = None if progress is None else progress.loneliness.get(instrument)
        if change is not None and change.baseline != change.latest:
            first, last = change.baseline.score.band, change.latest.score.band
            if first is not None and last is not None:
                before[first.label] += 1
                after[last.label] += 1
    reach = [n if n == 0 or n >= SMALLEST_COUNT else None for n in reached.values()]
    statuses = list(AttendanceStatus)
    shown_attendance = suppressed([attendance[s] for s in statuses])
    reasons = sorted(exits)
    shown_exits = suppressed([exits[r] for r in reasons])
    shown_before = suppressed([before[b] for b in bands])
    shown_after = suppressed([after[b] for b in bands])
    total_exits = sum(exits.values())
    self_reliant = exits.get("self-reliant", 0)
    others = total_exits - self_reliant
    # Shown only when neither those who left self-reliant nor the others are a small group.
    share: Cell = (
        self_reliant / total_exits
        if self_reliant >= SMALLEST_COUNT and (others == 0 or others >= SMALLEST_COUNT)
        else None
    )
    return Report(
        title,
        as_of,
        (
            Section(
                msg("Reach"),
                (
                    Facts(
                        (
                            (msg("Youths signalled"), reach[0]),
                            (msg("Youths who joined a group"), reach[1]),
                        )
                    ),
                ),
            ),
            Section(
                msg("Attendance"),
                (
                    Table(
                        msg("Evenings recorded, by how the youth attended"),
                        (msg("Attendance"), msg("Evenings")),
                        tuple(
                            (STATUS_WORDS[s], n)
                            for s, n in zip(statuses, shown_attendance, strict=True)
                        ),
                    ),
                ),
            ),
            Section(
                msg("Leaving the programme"),
                (
                    Facts(((msg("Share self-reliant at exit"), share),)),
                    Table(
                        msg("Youths who left, by reason"),
                        (msg("Reason"), msg("Youths")),
                        tuple(
                            (_DETAIL_WORDS[ExitReason(r)], n)
                            for r, n in zip(reasons, shown_exits, strict=True)
                        ),
                    )
                    if reasons
                    else Paragraph(msg("Nobody has left the programme yet.")),
                ),
            ),
            Section(
                msg("Loneliness before and after ({instrument})", instrument=instrument),
                (
                    charts.or_hint(charts.before_after_bars, bands, shown_before, shown_after),
                    Table(
                        msg("Youths by band, at the baseline and at the latest questionnaire"),
                        (msg("Band"), msg("Baseline"), msg("Latest")),
                        tuple(zip(bands, shown_before, shown_after, strict=True)),
                    ),
                ),
            ),
        ),
        notice=msg(
            "Aggregates only: a count under {least} is not shown (–), nor any count one "
            "could work it out from.",
            least=SMALLEST_COUNT,
        ),
    )


# -- a worker and a coach --------------------------------------------------------------------


def _trained_on(tracker: Tracker, worker: str) -> dt.date | None:
    """The day *worker* is trained: ``trained_on``, or the end of the first of the program's
    trainings they are in (its last session before the follow-up coaching)."""
    program = tracker.program
    found = next((w for w in program.workers if w.id == worker), None)
    if found is not None and found.trained_on is not None:
        return found.trained_on
    ends = []
    for training in program.trainings:
        if worker in training.workers:
            plan = tracker.series_plan(training.id)
            core = [s.day for s in plan.sessions if not plan.curriculum.is_follow_up(s.session)]
            if core:
                ends.append(max(core))
    return min(ends, default=None)


def _caseload_rows(
    tracker: Tracker, workers: Sequence[str], as_of: dt.date, signals: Sequence[Signal]
) -> tuple[tuple[Cell, ...], ...]:
    names = tracker.program.people_names
    rows: list[tuple[Cell, ...]] = []
    for worker in workers:
        groups = [g for g in tracker.program.groups if worker in g.workers]
        trained = _trained_on(tracker, worker)
        members = sum(len(tracker.roster(g.id, as_of)) for g in groups)
        open_signals = sum(1 for s in signals if worker in s.attention)
        rows.append(
            (
                names.get(worker, worker),
                ", ".join(g.id for g in groups) or None,
                trained.isoformat() if trained and trained <= as_of else msg("not yet"),
                members,
                open_signals,
            )
        )
    return tuple(rows)


_CASELOAD_HEADER = (
    msg("Worker"),
    msg("Groups"),
    msg("Trained on"),
    msg("Youths in their groups"),
    msg("Open signals"),
)


def worker_report(tracker: Tracker, worker: str, as_of: dt.date) -> Report:
    """*worker*'s groups, training, caseload and the signals that call for them."""
    program = tracker.program
    name = program.people_names.get(worker)
    if name is None:
        raise UnknownId(msg("worker"), worker)
    signals = [s for s in tracker.signals(as_of) if worker in s.attention]
    listed = tuple((s.since.isoformat(), s.who, s.group, s.message) for s in signals)
    return Report(
        msg("Worker {name}", name=name),
        as_of,
        (
            Section(
                msg("Groups and caseload"),
                (
                    Table(
                        msg("The worker's groups"),
                        _CASELOAD_HEADER,
                        _caseload_rows(tracker, [worker], as_of, signals),
                    ),
                ),
            ),
            Section(
                msg("Open signals"),
                (
                    Table(
                        msg("What needs attention, oldest first"),
                        (msg("Since"), msg("Who"), msg("Group"), msg("Why")),
                        listed,
                    )
                    if listed
                    else Paragraph(msg("Nothing needs attention.")),
                ),
            ),
        ),
        notice=msg("Youths appear by pseudonym only, without names or contact details."),
    )


def coach_report(tracker: Tracker, coach: str, as_of: dt.date) -> Report:
    """The workers *coach* trained: their training, groups, caseload and open signals."""
    program = tracker.program
    name = program.people_names.get(coach)
    if name is None or coach not in {c.id for c in program.coaches}:
        raise UnknownId(msg("coach"), coach)
    trained = [w for t in program.trainings if t.coach == coach for w in t.workers]
    trained += [w.id for w in program.workers if w.trained_by == coach]
    workers = list(dict.fromkeys(trained))
    signals = tracker.signals(as_of)
    return Report(
        msg("Coach {name}", name=name),
        as_of,
        (
            Section(
                msg("The workers trained"),
                (
                    Table(
                        msg("Each worker's groups and caseload"),
                        _CASELOAD_HEADER,
                        _caseload_rows(tracker, workers, as_of, signals),
                    )
                    if workers
                    else Paragraph(msg("No worker trained yet.")),
                ),
            ),
        ),
        notice=msg("Youths appear by pseudonym only, without names or contact details."),
    )
