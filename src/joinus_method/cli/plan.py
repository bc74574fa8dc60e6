"""``joinus plan``: plan a program's sessions on real dates, print them, export them."""

from __future__ import annotations

import argparse
import datetime as dt
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from joinus_method.messages import msg

from ._language import _, error_text, n_, os_error_text, speaks_dutch, translate

if TYPE_CHECKING:
    from joinus_method.documents.references import CheckedFile
    from joinus_method.model.program import Program
    from joinus_method.planning.schedule import ProgramPlan

__all__ = ["add_parser", "day", "run"]

DEFAULT_PROGRAM = "noordwijk-katwijk-2021"


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``plan`` subcommand to *commands*."""
    plan = commands.add_parser(
        "plan",
        help=_("plan a program's sessions on real dates"),
        description=_(
            "Plan the trainings, events and groups of a program onto real dates, skipping "
            "public holidays, school holidays, closures and leave. Without PROGRAM, the "
            "bundled Noordwijk 2021 program is planned. Exit status: 0 planned, 1 a rule is "
            "broken (a clash in report mode, an untrained worker, a series without sessions "
            "or that loses too many slots to clashes) or the input is invalid."
        ),
    )
    plan.add_argument("program", nargs="?", metavar="PROGRAM", help=_("program TOML file"))
    plan.add_argument(
        "curricula",
        nargs="*",
        metavar="CURRICULUM",
        help=_(
            "curriculum files the program uses, as `joinus check` takes them (bundled ones "
            "are found by id)"
        ),
    )
    plan.add_argument(
        "--curriculum",
        action="append",
        default=[],
        metavar="FILE",
        help=_("curriculum file the program uses (repeatable; bundled ones are found by id)"),
    )
    plan.add_argument(
        "--group", action="append", metavar="ID", help=_("plan only this group (repeatable)")
    )
    plan.add_argument(
        "--until",
        type=day,
        metavar="DATE",
        help=_("plan up to this date (default: a year after the last group starts)"),
    )
    plan.add_argument("--ics", type=Path, metavar="FILE", help=_("write an iCalendar file"))
    plan.add_argument("--csv", type=Path, metavar="FILE", help=_("write a CSV file"))
    plan.add_argument(
        "--csv-dialect",
        choices=["excel", "excel-nl"],
        help=_(
            "excel: commas; excel-nl: semicolons and a byte-order mark, as Excel under a "
            "Dutch locale opens it (the default when joinus speaks Dutch)"
        ),
    )
    plan.add_argument(
        "--clashes",
        choices=["skip", "report"],
        default="skip",
        help=_("skip a clashing slot (default) or report the clash as an error"),
    )
    plan.add_argument(
        "--max-clash-share",
        type=_share,
        metavar="SHARE",
        help=_(
            "largest share of a series' slots that clashes may take when skipping, as 0.2 "
            "or 20%% (default 20%%); a series that loses more fails the plan"
        ),
    )


def day(text: str) -> dt.date:
    """A date from the command line (YYYY-MM-DD)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a date (YYYY-MM-DD): {text!r}", text=text)
        ) from None


def _share(text: str) -> float:
    try:
        share = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        share = -1.0
    if not 0 <= share <= 1:
        raise argparse.ArgumentTypeError(
            _("not a share between 0 and 1 (or 0% and 100%): {text!r}", text=text)
        )
    return share


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Check the program and its curricula, plan it, print the plan, write the exports."""
    import attrs

    from joinus_method.documents.references import curricula_for
    from joinus_method.model.program import Program
    from joinus_method.planning.closures import OutsideCalendar
    from joinus_method.planning.schedule import (
        MAX_CLASH_SHARE,
        ClashMode,
        PlanningError,
        default_until,
        plan_program,
    )

    from ._calendar import program_calendar

    results = _checked(args, err)
    if results is None:
        return 1
    program = results[0].document
    assert isinstance(program, Program)
    until = args.until or default_until(program)
    calendar, problems = program_calendar(program, results[0], until)
    if calendar is None:
        for problem in problems:
            print(problem.describe(translate), file=err)
        return 1
    try:
        plan = plan_program(
            program,
            curricula_for(program, [r.document for r in results[1:] if r.document is not None]),
            calendar,
            # Without --until, each training is planned to its end, follow-up included.
            until=args.until,
            clashes=ClashMode(args.clashes),
            groups=args.group,
            max_clash_share=(
                MAX_CLASH_SHARE if args.max_clash_share is None else args.max_clash_share
            ),
        )
    except OutsideCalendar as exc:
        print(_outside(exc, program, results[0]), file=err)
        return 1
    except PlanningError as exc:
        print(error_text(exc), file=err)
        return 1
    except OverflowError:
        print(_("error: the program's dates lie too far in the future to plan"), file=err)
        return 1
    if args.group:
        # The trainings are still planned (they decide who is trained) but not shown.
        plan = attrs.evolve(plan, plans=tuple(p for p in plan.plans if p.series.id in args.group))
    # Whether anything is planned, told from the day numbers without making the sessions.
    if not any(p.day_numbers for p in plan.plans) and not plan.violations:
        first = min(
            [g.start_date for g in program.groups if not args.group or g.id in args.group]
            + ([] if args.group else [t.start_date for t in program.trainings])
            + ([] if args.group else [e.date for e in program.events]),
            default=None,
        )
        if first is not None and until < first:
            print(
                _(
                    "error: --until {until} lies before the first session, on {first}: "
                    "nothing to plan",
                    until=until,
                    first=first,
                ),
                file=err,
            )
            return 1
    _print_plan(program, plan, until, out)
    if not _export(args, program, plan, out, err):
        return 1
    for violation in plan.violations:
        label = _("error")
        print(f"{label}: {violation.rule}: {translate(violation.message)}", file=err)
    return 1 if plan.violations else 0


def _outside(exc: Exception, program: Program, checked: CheckedFile) -> str:
    """The error of a date outside the known calendar, at the line of the series it is in."""
    from joinus_method.documents.references import locate
    from joinus_method.errors import Problem, ValuePath

    series = getattr(exc, "series", None)
    path: ValuePath = ()
    ids = {("groups", i): g.id for i, g in enumerate(program.groups)}
    ids |= {("trainings", i): t.id for i, t in enumerate(program.trainings)}
    for where, series_id in ids.items():
        if series_id == series:
            path = where
    if checked.text is None:  # pragma: no cover - a checked program was read
        return error_text(exc)
    (problem,) = locate(
        [Problem(getattr(exc, "message", str(exc)), path)], checked.source, checked.text
    )
    return problem.describe(translate)


def _checked(args: argparse.Namespace, err: TextIO) -> list[CheckedFile] | None:
    """The checked program (first) and curricula of *args*, or None after printing why not."""
    from joinus_method.documents.bundled import find_bundled
    from joinus_method.documents.files import DocumentKind
    from joinus_method.documents.references import check_files, check_texts
    from joinus_method.errors import Problem
    from joinus_method.model.curriculum import Curriculum
    from joinus_method.model.program import Program

    if args.program is None:
        bundled = find_bundled(DocumentKind.PROGRAM, DEFAULT_PROGRAM)
        results = check_texts([(bundled.source, bundled.text())])
        results += check_files(args.curriculum)
    else:
        results = check_files([args.program, *args.curricula, *args.curriculum])
    problems = [p for r in results for p in r.problems]
    for problem in problems:
        print(problem.describe(translate), file=err)
    if problems:
        return None
    program = results[0].document
    if not isinstance(program, Program):
        not_program = msg("not a program document")
        print(
            Problem(not_program, file=results[0].source, kind="syntax").describe(translate),
            file=err,
        )
        return None
    for result in results[1:]:
        if not isinstance(result.document, Curriculum):
            not_curriculum = msg("not a curriculum document")
            print(
                Problem(not_curriculum, file=result.source, kind="syntax").describe(translate),
                file=err,
            )
            return None
    known_groups = {g.id for g in program.groups}
    for group_id in args.group or ():
        if group_id not in known_groups:
            listed = ", ".join(g.id for g in program.groups) or _("none")
            print(
                _(
                    "error: no group {group!r} in {program!r}; its groups: {groups}",
                    group=group_id,
                    program=program.id,
                    groups=listed,
                ),
                file=err,
            )
            return None
    return results


def _export(
    args: argparse.Namespace, program: Program, plan: ProgramPlan, out: TextIO, err: TextIO
) -> bool:
    """Write the iCalendar and CSV files asked for; False after printing why one failed."""
    if args.ics is None and args.csv is None:
        return True
    from joinus_method.documents.files import write_atomically
    from joinus_method.planning.exports import to_csv, to_ics

    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    dialect = args.csv_dialect or ("excel-nl" if speaks_dutch() else "excel")
    exports: list[tuple[Path | None, Callable[[], str]]] = [
        (args.ics, lambda: to_ics(plan, program, stamp=stamp).decode("utf-8")),
        (args.csv, lambda: to_csv(plan, program, dialect=dialect, translate=translate)),
    ]
    for target, render in exports:
        if target is None:
            continue
        try:
            write_atomically(target, render())
        except OSError as exc:
            print(
                _("error: cannot write {path}: {why}", path=target, why=os_error_text(exc)),
                file=err,
            )
            return False
        print(_("wrote {path}", path=target), file=out)
    return True


def _print_plan(program: Program, plan: ProgramPlan, until: dt.date, out: TextIO) -> None:
    names = program.people_names
    # First names keep the table narrow, unless two people share one.
    first = {person: name.split()[0] for person, name in names.items()}
    if len(set(first.values())) == len(first):
        names = first
    venues = {v.id: v.name for v in program.venues}
    weekdays = [translate(day) for day in WEEKDAYS]
    online = _("online")
    lines = [
        _(
            "{title}: plan up to {until} ({timezone})",
            title=program.title,
            until=until,
            timezone=program.timezone,
        )
    ]
    header = (_("date"), _("time"), _("series"), _("session"), _("venue"), _("people"))
    # What every session of a series shares is worked out once per series (and what
    # series with the same curriculum and start time share, once for all of them); each
    # row is then put together from those pieces.
    planned = [p for p in plan.plans if p.day_numbers]
    days = _day_texts(set().union(*(p.day_numbers for p in planned)), weekdays)
    titles: dict[int, list[str]] = {}
    times: dict[tuple[int, dt.time], list[str]] = {}
    series_cells: list[tuple[str, str, str]] = []
    measured: set[tuple[int, dt.time, int]] = set()
    widths = [len(name) for name in header]
    if days:
        widths[0] = max(widths[0], *map(len, days.values()))
    for p in planned:
        series = p.series
        curriculum = p.curriculum
        texts = titles.get(id(curriculum))
        if texts is None:
            texts = titles[id(curriculum)] = [
                f"{number}. {session.title}"
                for number, session in enumerate(curriculum.sessions, 1)
            ]
        spans = times.get((id(curriculum), series.start_time))
        if spans is None:
            spans = times[id(curriculum), series.start_time] = [
                _time_span(series.start_time, minutes) for minutes in curriculum.lengths
            ]
        # Series on the same grid share their tuple of session indices: measured once.
        key = (id(curriculum), series.start_time, id(p.indices))
        if key not in measured:
            measured.add(key)
            used = set(p.indices)
            widths[1] = max(widths[1], *map(len, map(spans.__getitem__, used)))
            widths[3] = max(widths[3], *map(len, map(texts.__getitem__, used)))
        venue = venues.get(series.venue or "", online)
        people = ", ".join([names.get(person, person) for person in series.leaders])
        widths[2] = max(widths[2], len(series.id))
        widths[4] = max(widths[4], len(venue))
        widths[5] = max(widths[5], len(people))
        series_cells.append((series.id, venue, people))
    widths = _fit(widths)
    w_date, w_time, w_series, w_session, w_venue, w_people = widths
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    cells = [_cut(cell, w) for cell, w in zip(header, widths, strict=True)]
    lines.append(line.format(*cells).rstrip())
    # A row is its date cell (by date), its time cell with the gaps around it (by session
    # number), its series cell, its session cell (by session number) and its venue and
    # people cells, each padded to its column's width.
    date_cells = {number: f"{_cut(text, w_date):<{w_date}}" for number, text in days.items()}
    time_cells = {
        key: ["", *(f"  {_cut(span, w_time):<{w_time}}  " for span in spans)]
        for key, spans in times.items()
    }
    title_cells = {
        key: ["", *(f"{_cut(text, w_session):<{w_session}}  " for text in texts)]
        for key, texts in titles.items()
    }
    # The rows in the order of plan.sessions (by day, then by the series' time and id), made
    # from the series' day numbers without making the session values. Each series makes its
    # rows one by one, as its days come (its days are in order): a day lists the series that
    # meet on it, and its rows are made and written with one join when its turn comes, so
    # that the rows of one day at a time are held.
    by_day: dict[int, list[Iterator[str]]] = {}
    by_series = {id(p): c for p, c in zip(planned, series_cells, strict=True)}
    # The time and session cells of each session, for the series that share them.
    around: dict[tuple[int, dt.time, int], list[tuple[str, str]]] = {}
    for p in sorted(planned, key=lambda p: (p.series.start_time, p.series.id)):
        series_id, venue, people = by_series[id(p)]
        key = (id(p.curriculum), p.series.start_time, id(p.indices))
        shared = around.get(key)
        if shared is None:
            spans = time_cells[id(p.curriculum), p.series.start_time]
            texts = title_cells[id(p.curriculum)]
            shared = around[key] = [(spans[i + 1], texts[i + 1]) for i in p.indices]
        middle = f"{_cut(series_id, w_series):<{w_series}}  "
        tail = f"{_cut(venue, w_venue):<{w_venue}}  {_cut(people, w_people):<{w_people}}".rstrip()
        rows = _rows(shared, middle, tail)
        for number in p.day_numbers:
            on = by_day.get(number)
            if on is None:
                by_day[number] = [rows]
            else:
                on.append(rows)
    out.write("\n".join(lines))
    for number in sorted(by_day):
        date_cell = "\n" + date_cells[number]
        out.write(date_cell + date_cell.join([next(rows) for rows in by_day.pop(number)]))
    gaps = [p for p in plan.plans if p.skipped_numbers]
    skipped = sum(len(p.skipped_numbers) for p in gaps)
    if skipped:
        out.write("\n\n" + _("skipped dates ({count}):", count=skipped))
        width = max(len(p.series.id) for p in gaps)
        skipped_days = _day_texts(set().union(*(p.skipped_numbers for p in gaps)), weekdays)
        reasons = {r: translate(r) for r in set().union(*(p.skipped_reasons for p in gaps))}
        # By date, then series: each series' lines gathered by day, as the rows above.
        skipped_by_day: dict[int, list[str]] = {}
        for p in sorted(gaps, key=lambda p: p.series.id):
            padded = f"{p.series.id:<{width}}  "
            for number, reason in zip(p.skipped_numbers, p.skipped_reasons, strict=True):
                skipped_by_day.setdefault(number, []).append(padded + reasons[reason])
        for number in sorted(skipped_by_day):
            date_cell = f"\n{skipped_days[number]}  "
            out.write(date_cell + date_cell.join(skipped_by_day.pop(number)))
    counts = ", ".join(f"{p.series.id} {len(p.day_numbers)}" for p in plan.plans)
    summary = n_(
        "{count} session planned ({counts}); ",
        "{count} sessions planned ({counts}); ",
        sum(len(p.day_numbers) for p in plan.plans),
        counts=counts,
    ) + n_("{count} date skipped", "{count} dates skipped", skipped)
    out.write("\n\n" + textwrap.fill(summary, TABLE_WIDTH, break_on_hyphens=False) + "\n")


def _rows(around: list[tuple[str, str]], middle: str, tail: str) -> Iterator[str]:
    """The rows of one series without their date cells, one by one: each time and session
    cell of *around* with the series' *middle* and *tail* cells."""
    if tail:
        for span, title in around:
            yield f"{span}{middle}{title}{tail}"
    else:
        # Only a row without venue and people can end in blanks (its time cell never is).
        for span, title in around:
            yield f"{span}{middle}{title}".rstrip()


def _day_texts(numbers: set[int], weekdays: list[str]) -> dict[int, str]:
    """The date and weekday of each of the day *numbers* (ordinals), as the plan shows them."""
    texts: dict[int, str] = {}
    for number in numbers:
        day = dt.date.fromordinal(number)
        texts[number] = f"{day} {weekdays[day.weekday()]}"
    return texts


def _time_span(start: dt.time, minutes: int) -> str:
    """The start and end of a session of *minutes* from *start*, on the wall clock."""
    # A session's end is its start plus its length on the wall clock, whatever its date.
    begin = dt.datetime.combine(dt.date(2000, 1, 1), start)
    return f"{begin:%H:%M}-{begin + dt.timedelta(minutes=minutes):%H:%M}"


WEEKDAYS = (
    msg("Mon"),
    msg("Tue"),
    msg("Wed"),
    msg("Thu"),
    msg("Fri"),
    msg("Sat"),
    msg("Sun"),
)
"""The days of the week, short, Monday first."""

TABLE_WIDTH = 100
"""The plan's table fits this many columns of a terminal."""
# The least each column of the table shrinks to: date and time never shrink.
_LEAST = (14, 11, 22, 20, 8, 12)


def _fit(widths: list[int]) -> list[int]:
    """*widths* of the table's columns, the widest shrunk first until the table fits."""
    fitted = list(widths)
    # A long series id (an event's) gives way first: the groups' ids are short.
    excess = sum(fitted) + 2 * (len(fitted) - 1) - TABLE_WIDTH
    fitted[2] -= max(0, min(excess, fitted[2] - _LEAST[2]))
    while sum(fitted) + 2 * (len(fitted) - 1) > TABLE_WIDTH:
        room = [(w - least, i) for i, (w, least) in enumerate(zip(fitted, _LEAST, strict=True))]
        spare, widest = max(room)
        if spare <= 0:
            break
        fitted[widest] -= 1
    return fitted


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
