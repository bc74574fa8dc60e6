"""The chain coach → trains → worker → guides → group → includes → youth, as a graph.

Nodes are ``(role, id)`` pairs with role ``"coach"``, ``"worker"``, ``"group"`` or
``"youth"``; edges carry a ``relation`` (``"trains"``, ``"guides"``, ``"includes"``).
networkx is imported only when a chain is built; the rules of the chain
(:func:`chain_problems`) are checked without it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from joinus_method.errors import ChainError, Problem, UnknownId
from joinus_method.messages import Message, msg

from .people import YouthWorker, age_on
from .program import Group, Program

if TYPE_CHECKING:
    import networkx as nx

    from .youths import Membership, PersonalData

__all__ = [
    "build_chain",
    "chain_problems",
    "coaches_of_youth",
    "membership_problems",
    "validate_chain",
    "workers_to_train",
    "youths_reached",
]

Node = tuple[str, str]

_ROLES: dict[str, Message] = {
    "coach": msg("coach"),
    "worker": msg("worker"),
    "group": msg("group"),
    "youth": msg("youth"),
}
"""The roles of the chain's nodes in words."""


def build_chain(program: Program, memberships: Iterable[Membership] = ()) -> nx.DiGraph[Any]:
    """The chain of *program* with the youths of *memberships* in their groups."""
    import networkx as nx

    graph: nx.DiGraph[Any] = nx.DiGraph()
    for coach in program.coaches:
        graph.add_node(("coach", coach.id), name=coach.name)
    for coach in program.coaches:
        if coach.trained_by is not None:
            graph.add_edge(("coach", coach.trained_by), ("coach", coach.id), relation="trains")
    for worker in program.workers:
        graph.add_node(("worker", worker.id), name=worker.name, trained_on=worker.trained_on)
        if worker.trained_by is not None:
            graph.add_edge(
                ("coach", worker.trained_by),
                ("worker", worker.id),
                relation="trains",
                completed=worker.trained_on,
            )
    for training in program.trainings:
        for worker_id in training.workers:
            # A cohort of the program trains its workers: they are trained when it ends.
            graph.add_edge(
                ("coach", training.coach),
                ("worker", worker_id),
                relation="trains",
                training=training.id,
            )
    for group in program.groups:
        graph.add_node(("group", group.id), name=group.name)
        for worker_id in group.workers:
            graph.add_edge(("worker", worker_id), ("group", group.id), relation="guides")
    for m in memberships:
        if ("group", m.group) not in graph:
            raise UnknownId(msg("group"), m.group)
        graph.add_node(("youth", m.youth))
        graph.add_edge(("group", m.group), ("youth", m.youth), relation="includes", joined=m.joined)
    return graph


def chain_problems(
    program: Program,
    graph: nx.DiGraph[Any] | None = None,
    max_groups_per_worker: int | None = None,
) -> list[Problem]:
    """Every way the chain of *program* breaks the rules of the method.

    Each group has two workers trained under a coach (in one of the program's training
    cohorts, or elsewhere with ``trained_by`` and ``trained_on``); no worker guides more
    groups at once (groups whose days from start to end overlap) than
    *max_groups_per_worker* (the program's own maximum by default);
    the chain has no cycles.

    The rules are checked on *program* itself, with plain lookups: no graph is needed, and
    *graph* (the chain :func:`build_chain` makes of *program*, youths or not) changes
    nothing. Youths end the chain, so only coaches who trained each other make a cycle.
    """
    limit = (
        program.max_groups_per_worker if max_groups_per_worker is None else max_groups_per_worker
    )
    problems: list[Problem] = []
    workers = {w.id: w for w in program.workers}
    in_cohort = {w for t in program.trainings for w in t.workers}
    guided: dict[str, list[Group]] = {w.id: [] for w in program.workers}
    for i, group in enumerate(program.groups):
        for j, worker_id in enumerate(group.workers):
            guided[worker_id].append(group)
            if not _trained_by_coach(workers[worker_id], in_cohort):
                problems.append(
                    Problem(
                        msg(
                            "worker {worker!r} guides group {group!r} but is in none of "
                            "the program's trainings and has no trained_on for a training "
                            "elsewhere",
                            worker=worker_id,
                            group=group.id,
                        ),
                        ("groups", i, "workers", j),
                    )
                )
    for i, worker in enumerate(program.workers):
        since, together = _most_at_once(guided[worker.id])
        if len(together) > limit:
            names = ", ".join(sorted(g.id for g in together))
            problems.append(
                Problem(
                    msg(
                        "worker {worker!r} guides {count} groups at once from {since} "
                        "({groups}); the most is {limit}",
                        worker=worker.id,
                        count=len(together),
                        since=since,
                        groups=names,
                        limit=limit,
                    ),
                    ("workers", i),
                )
            )
    cycle = _coach_cycle(program)
    if cycle:
        nodes = [_node_words(("coach", coach_id)) for coach_id in cycle]
        described = nodes[0]
        for node in nodes[1:]:
            described = msg("{before} → {after}", before=described, after=node)
        coaches = [c.id for c in program.coaches]
        path = ("coaches", coaches.index(cycle[0]))
        problems.append(
            Problem(msg("the chain has a cycle: {cycle} → back", cycle=described), path)
        )
    return problems


def _trained_by_coach(worker: YouthWorker, in_cohort: set[str]) -> bool:
    """Whether *worker* is in one of the program's training cohorts (*in_cohort* holds
    their ids), or was trained elsewhere by a coach (``trained_by`` with ``trained_on``)."""
    return worker.id in in_cohort or (
        worker.trained_by is not None and worker.trained_on is not None
    )


def _coach_cycle(program: Program) -> list[str]:
    """The ids of the coaches of a cycle of ``trained_by``, in the order they trained each
    other, or an empty list when there is none.

    Of several cycles this is the one that a search of the chain, coach by coach in the
    program's order, comes upon first: the one of the first coach in a cycle, starting
    with that coach.
    """
    trainer = {c.id: c.trained_by for c in program.coaches if c.trained_by is not None}
    # Each coach has at most one trainer, so each coach lies on at most one cycle: the one
    # reached by following trainers from it, back to itself.
    done: set[str] = set()
    on_cycle: set[str] = set()
    for coach in program.coaches:
        path: list[str] = []
        index: dict[str, int] = {}
        current: str | None = coach.id
        while current is not None and current not in done and current not in index:
            index[current] = len(path)
            path.append(current)
            current = trainer.get(current)
        if current is not None and current in index:
            on_cycle.update(path[index[current] :])
        done.update(path)
    for coach in program.coaches:
        if coach.id in on_cycle:
            # Following the trainers goes against the chain: turn it around.
            back = [coach.id]
            current = trainer[coach.id]
            while current != coach.id:
                back.append(current)
                current = trainer[current]
            return [back[0], *reversed(back[1:])]
    return []


def _node_words(node: Node) -> Message:
    """A node of the chain in words, such as ``worker 'anna'``."""
    role, node_id = node
    return msg("{role} {id!r}", role=_ROLES.get(role, role), id=node_id)


def _most_at_once(groups: Sequence[Group]) -> tuple[dt.date | None, list[Group]]:
    """The first day the most of *groups* run at once, and those groups."""
    best: tuple[dt.date | None, list[Group]] = (None, [])
    for day in sorted({g.start_date for g in groups}):
        running = [g for g in groups if g.start_date <= day and (g.end_date or day) >= day]
        if len(running) > len(best[1]):
            best = (day, running)
    return best


def validate_chain(
    program: Program,
    memberships: Iterable[Membership] = (),
    max_groups_per_worker: int | None = None,
    personal: Iterable[PersonalData] = (),
) -> nx.DiGraph[Any]:
    """The chain of *program* with the youths of *memberships*.

    Raises :class:`ChainError` with every broken rule: those of :func:`chain_problems`, and
    those of :func:`membership_problems` (*personal* gives the birth dates for the age
    bands), each with the path of the program's or the membership's value it concerns.
    """
    memberships = tuple(memberships)
    problems = membership_problems(program, memberships, personal)
    known = {g.id for g in program.groups}
    graph = build_chain(program, [m for m in memberships if m.group in known])
    problems = chain_problems(program, graph, max_groups_per_worker) + problems
    if problems:
        raise ChainError(problems)
    return graph


def membership_problems(
    program: Program, memberships: Sequence[Membership], personal: Iterable[PersonalData] = ()
) -> list[Problem]:
    """Every way *memberships* break the rules of *program*'s groups: an unknown group,
    joining before the group starts or after it ends, a youth in two groups at once, more
    youths in a group at once than its capacity, and, for the youths in *personal*, an age
    outside the group's band on the day of joining. Paths are ``("memberships", i, ...)``.
    """
    groups = {g.id: g for g in program.groups}
    born = {p.youth: p.date_of_birth for p in personal}
    problems: list[Problem] = []
    for i, m in enumerate(memberships):
        group = groups.get(m.group)
        if group is None:
            problems.append(
                Problem(msg("unknown group {group!r}", group=m.group), ("memberships", i, "group"))
            )
            continue
        if m.joined < group.start_date:
            problems.append(
                Problem(
                    msg(
                        "youth {youth!r} joins group {group!r} on {joined}, before it "
                        "starts on {start}",
                        youth=m.youth,
                        group=group.id,
                        joined=m.joined,
                        start=group.start_date,
                    ),
                    ("memberships", i, "joined"),
                )
            )
        if group.end_date is not None and m.joined > group.end_date:
            problems.append(
                Problem(
                    msg(
                        "youth {youth!r} joins group {group!r} on {joined}, after it ends on {end}",
                        youth=m.youth,
                        group=group.id,
                        joined=m.joined,
                        end=group.end_date,
                    ),
                    ("memberships", i, "joined"),
                )
            )
        if m.youth in born:
            age = age_on(born[m.youth], m.joined)
            if age not in group.age_band:
                problems.append(
                    Problem(
                        msg(
                            "youth {youth!r} is {age} on joining group {group!r} on "
                            "{joined}, outside its ages {ages}",
                            youth=m.youth,
                            age=age,
                            group=group.id,
                            joined=m.joined,
                            ages=str(group.age_band),
                        ),
                        ("memberships", i, "joined"),
                    )
                )
        for j, other in enumerate(memberships[:i]):
            if other.youth == m.youth and _overlap(other, m):
                problems.append(
                    Problem(
                        msg(
                            "youth {youth!r} is in group {other!r} (memberships[{index}]) "
                            "and in group {group!r} at once from {since}",
                            youth=m.youth,
                            other=other.group,
                            index=j,
                            group=m.group,
                            since=max(m.joined, other.joined),
                        ),
                        ("memberships", i),
                    )
                )
                break
    for i, m in enumerate(memberships):
        group = groups.get(m.group)
        if group is None:
            continue
        members = [o for o in memberships if o.group == m.group and o.active_on(m.joined)]
        if len(members) > group.capacity:
            problems.append(
                Problem(
                    msg(
                        "group {group!r} holds {count} youths on {day}, more than "
                        "its capacity of {capacity}",
                        group=group.id,
                        count=len(members),
                        day=m.joined,
                        capacity=group.capacity,
                    ),
                    ("memberships", i),
                )
            )
    return problems


def _overlap(a: Membership, b: Membership) -> bool:
    """Whether two memberships share a day."""
    return (b.left is None or a.joined < b.left) and (a.left is None or b.joined < a.left)


def coaches_of_youth(graph: nx.DiGraph[Any], youth_id: str) -> tuple[str, ...]:
    """The coaches responsible for a youth: those who trained the workers of their groups."""
    node = ("youth", youth_id)
    if node not in graph:
        raise UnknownId(msg("youth"), youth_id)
    coaches: set[str] = set()
    for group in graph.predecessors(node):
        for worker in graph.predecessors(group):
            coaches.update(c[1] for c in graph.predecessors(worker) if c[0] == "coach")
    return tuple(sorted(coaches))


def youths_reached(graph: nx.DiGraph[Any], coach_id: str) -> tuple[str, ...]:
    """Every youth a coach reaches through the workers they (or coaches they trained) trained."""
    import networkx as nx

    node = ("coach", coach_id)
    if node not in graph:
        raise UnknownId(msg("coach"), coach_id)
    return tuple(sorted(n[1] for n in nx.descendants(graph, node) if n[0] == "youth"))


def workers_to_train(program: Program) -> tuple[YouthWorker, ...]:
    """The workers of *program* a coach must still train: in none of its trainings, and
    without a training elsewhere."""
    in_cohort = {w for t in program.trainings for w in t.workers}
    return tuple(w for w in program.workers if not w.trained and w.id not in in_cohort)
