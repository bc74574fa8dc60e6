"""The coach → worker → group → youth chain as a graph."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from joinus_method import (
    ChainError,
    Coach,
    InvalidValue,
    Membership,
    Program,
    UnknownId,
    YouthWorker,
)
from joinus_method.documents.bundled import load_bundled
from joinus_method.model.chain import (
    build_chain,
    chain_problems,
    coaches_of_youth,
    validate_chain,
    workers_to_train,
    youths_reached,
)

PROGRAM = load_bundled("noordwijk-katwijk-2021")
assert isinstance(PROGRAM, Program)
OLDER, YOUNGER = PROGRAM.groups
COACH = PROGRAM.coaches[0].id
MEMBERS = (
    Membership("y-aaaa", OLDER.id, dt.date(2021, 5, 11)),
    Membership("y-bbbb", OLDER.id, dt.date(2021, 6, 8)),
    Membership("y-cccc", YOUNGER.id, dt.date(2021, 5, 17)),
)


def test_the_bundled_chain_is_valid() -> None:
    """Coach trains four workers, who guide two groups holding the youths."""
    graph = validate_chain(PROGRAM, MEMBERS)
    kinds = sorted(kind for kind, _ in graph.nodes)
    assert kinds.count("coach") == 1
    assert kinds.count("worker") == 4
    assert kinds.count("group") == 2
    assert kinds.count("youth") == 3
    assert {d["relation"] for *_, d in graph.edges(data=True)} == {"trains", "guides", "includes"}


def test_queries() -> None:
    """The coach of a youth, the youths a coach reaches, and the workers still to train."""
    graph = build_chain(PROGRAM, MEMBERS)
    assert coaches_of_youth(graph, "y-cccc") == (COACH,)
    assert youths_reached(graph, COACH) == ("y-aaaa", "y-bbbb", "y-cccc")
    assert workers_to_train(PROGRAM) == ()
    with pytest.raises(UnknownId):
        coaches_of_youth(graph, "y-zzzz")
    with pytest.raises(UnknownId):
        youths_reached(graph, "nobody")


def test_senior_coaches_reach_through_the_coaches_they_trained() -> None:
    """A coach who trained the coach reaches the same youths."""
    senior = Coach("senior", "Senior", PROGRAM.coaches[0].organisation)
    coach = attrs.evolve(PROGRAM.coaches[0], trained_by="senior")
    program = attrs.evolve(PROGRAM, coaches=(senior, coach))
    assert youths_reached(build_chain(program, MEMBERS), "senior") == ("y-aaaa", "y-bbbb", "y-cccc")


def _without_trained_on(program: Program) -> Program:
    return attrs.evolve(
        program, workers=tuple(attrs.evolve(w, trained_on=None) for w in program.workers)
    )


def test_workers_of_a_training_cohort_need_no_trained_on() -> None:
    """A worker in one of the program's trainings is trained under its coach."""
    program = _without_trained_on(PROGRAM)
    graph = validate_chain(program)
    trains = {(u[1], v[1]) for u, v, d in graph.edges(data=True) if d["relation"] == "trains"}
    assert trains == {(COACH, w.id) for w in program.workers}
    assert workers_to_train(program) == ()


def test_untrained_worker_guiding_a_group() -> None:
    """A worker in no training, without a training elsewhere, cannot guide a group."""
    untrained = attrs.evolve(PROGRAM.workers[0], trained_on=None)
    (training,) = PROGRAM.trainings
    others = tuple(w for w in training.workers if w != untrained.id)
    program = attrs.evolve(
        PROGRAM,
        workers=(untrained, *PROGRAM.workers[1:]),
        trainings=(attrs.evolve(training, workers=others),),
    )
    assert workers_to_train(program) == (untrained,)
    with pytest.raises(ChainError) as caught:
        validate_chain(program)
    (problem,) = caught.value.problems
    assert problem.message == (
        f"worker {untrained.id!r} guides group {OLDER.id!r} but is in none of the program's "
        "trainings and has no trained_on for a training elsewhere"
    )
    assert problem.path == ("groups", 0, "workers", 0)
    # A training elsewhere, named by its date and coach, counts.
    elsewhere = attrs.evolve(untrained, trained_by=COACH, trained_on=dt.date(2020, 11, 5))
    validate_chain(attrs.evolve(program, workers=(elsewhere, *PROGRAM.workers[1:])))


def test_max_groups_per_worker() -> None:
    """No worker guides more groups than the maximum, configurable per call."""
    worker = OLDER.workers[0]
    third = attrs.evolve(OLDER, id="derde", workers=(worker, YOUNGER.workers[0]))
    fourth = attrs.evolve(OLDER, id="vierde", workers=(worker, YOUNGER.workers[1]))
    program = attrs.evolve(PROGRAM, groups=(*PROGRAM.groups, third, fourth))
    graph = build_chain(program)
    (problem,) = chain_problems(program, graph)
    assert problem.message == (
        f"worker {worker!r} guides 3 groups at once from {OLDER.start_date} "
        f"(derde, {OLDER.id}, vierde); the most is 2"
    )
    assert problem.path == ("workers", 0)
    assert chain_problems(program, graph, max_groups_per_worker=3) == []


@pytest.mark.parametrize(
    ("first_ends", "third_starts", "at_once"),
    [
        # The first group ends the day before the third starts: never three at once.
        (dt.date(2022, 5, 9), dt.date(2022, 5, 10), 2),
        # It ends on the day the third starts: three on that day.
        (dt.date(2022, 5, 10), dt.date(2022, 5, 10), 3),
        (None, dt.date(2030, 5, 7), 3),
    ],
)
def test_groups_count_while_they_run(
    first_ends: dt.date | None, third_starts: dt.date, at_once: int
) -> None:
    """Only groups that run at the same time count toward a worker's maximum."""
    worker = OLDER.workers[0]
    first = attrs.evolve(OLDER, end_date=first_ends)
    second = attrs.evolve(YOUNGER, id="tweede", workers=(worker, YOUNGER.workers[0]))
    third = attrs.evolve(
        OLDER, id="derde", start_date=third_starts, workers=(worker, YOUNGER.workers[1])
    )
    program = attrs.evolve(PROGRAM, groups=(first, second, third))
    problems = chain_problems(program, build_chain(program))
    if at_once == 2:
        assert problems == []
    else:
        (problem,) = problems
        assert problem.message == (
            f"worker {worker!r} guides 3 groups at once from {third_starts} "
            f"(derde, {OLDER.id}, tweede); the most is 2"
        )


def test_a_group_ends_on_or_after_its_start() -> None:
    """An end before the start is refused, naming both days."""
    with pytest.raises(InvalidValue) as caught:
        attrs.evolve(OLDER, end_date=OLDER.start_date - dt.timedelta(days=1))
    (problem,) = caught.value.problems
    assert problem.message == "end_date 2021-05-10 lies before start_date 2021-05-11"
    assert problem.path == ("end_date",)
    assert attrs.evolve(OLDER, end_date=OLDER.start_date).end_date == OLDER.start_date


def test_cycles_of_coaches() -> None:
    """Coaches who trained each other make a cycle, which is refused."""
    org = PROGRAM.coaches[0].organisation
    a = Coach("a", "A", org, trained_by="b")
    b = Coach("b", "B", org, trained_by="a")
    worker = YouthWorker("w", "W", PROGRAM.workers[0].organisation)
    program = attrs.evolve(
        PROGRAM, coaches=(a, b), workers=(worker,), groups=(), events=(), trainings=()
    )
    with pytest.raises(ChainError, match="cycle"):
        validate_chain(program)


def test_membership_in_an_unknown_group() -> None:
    """A youth can only be placed in a group of the program."""
    with pytest.raises(UnknownId):
        build_chain(PROGRAM, [Membership("y-aaaa", "elders", dt.date(2021, 5, 11))])


class TestMemberships:
    """validate_chain checks the youths' memberships against the groups too."""

    def problems(self, *memberships: Membership, personal: tuple[object, ...] = ()) -> list[str]:
        """The messages of validate_chain for these memberships, or [] when valid."""
        try:
            validate_chain(PROGRAM, memberships, personal=personal)  # type: ignore[arg-type]
        except ChainError as error:
            return [f"{p.message} @ {p.path}" for p in error.problems]
        return []

    def test_valid_memberships(self) -> None:
        """The seed memberships, and a youth moving from one group to the other, are valid."""
        assert self.problems(*MEMBERS) == []
        moved = Membership("y-aaaa", OLDER.id, dt.date(2021, 5, 11), left=dt.date(2021, 9, 1))
        again = Membership("y-aaaa", YOUNGER.id, dt.date(2021, 9, 6))
        assert self.problems(moved, again) == []
        # Leaving on the day of joining the other: no day in both.
        same_day = Membership("y-aaaa", YOUNGER.id, dt.date(2021, 9, 1))
        assert self.problems(moved, attrs.evolve(same_day, joined=dt.date(2021, 9, 1))) == []

    def test_each_rule(self) -> None:
        """Unknown group, joining before the start, two groups at once, each at its path."""
        early = Membership("y-bbbb", OLDER.id, dt.date(2021, 5, 10))
        unknown = Membership("y-cccc", "geen-groep", dt.date(2021, 6, 1))
        first = Membership("y-dddd", OLDER.id, dt.date(2021, 6, 1))
        twice = Membership("y-dddd", YOUNGER.id, dt.date(2021, 8, 30))
        assert self.problems(early, unknown, first, twice) == [
            f"youth 'y-bbbb' joins group {OLDER.id!r} on 2021-05-10, before it starts on "
            f"2021-05-11 @ ('memberships', 0, 'joined')",
            "unknown group 'geen-groep' @ ('memberships', 1, 'group')",
            f"youth 'y-dddd' is in group {OLDER.id!r} (memberships[2]) and in group "
            f"{YOUNGER.id!r} at once from 2021-08-30 @ ('memberships', 3)",
        ]

    def test_capacity(self) -> None:
        """One youth more than the group holds at once is refused on the day they join."""
        capacity = OLDER.capacity
        day = dt.date(2021, 6, 1)
        members = [Membership(f"y-{n:04d}", OLDER.id, day) for n in range(capacity)]
        assert self.problems(*members) == []
        # One who left the day before makes room.
        gone = Membership("y-gone", OLDER.id, OLDER.start_date, left=day)
        assert self.problems(gone, *members) == []
        extra = Membership("y-more", OLDER.id, dt.date(2021, 6, 15))
        assert self.problems(*members, extra) == [
            f"group {OLDER.id!r} holds {capacity + 1} youths on 2021-06-15, more than its "
            f"capacity of {capacity} @ ('memberships', {capacity})"
        ]

    @pytest.mark.parametrize(
        ("born", "ok"),
        [
            (dt.date(2003, 5, 11), True),  # 18 on the day of joining
            (dt.date(2003, 5, 12), False),  # 17 for one more day
            (dt.date(1995, 5, 12), True),  # 25
            (dt.date(1995, 5, 11), False),  # 26 that day
        ],
    )
    def test_the_age_band_on_the_day_of_joining(self, born: dt.date, ok: bool) -> None:
        """With a birth date, the age on the day of joining must lie in the group's band."""
        from joinus_method import PersonalData

        joins = Membership("y-eeee", OLDER.id, dt.date(2021, 5, 11))
        person = PersonalData("y-eeee", "Sanne", born)
        found = self.problems(joins, personal=(person,))
        if ok:
            assert found == []
        else:
            (problem,) = found
            assert problem.startswith("youth 'y-eeee' is ")
            assert f"on joining group {OLDER.id!r} on 2021-05-11, outside its ages 18–25" in problem
