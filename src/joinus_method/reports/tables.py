"""Attendance and progress as CSV tables, by pseudonym, for a spreadsheet or another system."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence

from joinus_method.model.framework import InstrumentScore
from joinus_method.tracking.tracker import Tracker

__all__ = ["CSV_DIALECTS", "attendance_csv", "progress_csv"]

CSV_DIALECTS = ("excel", "excel-nl")
"""``excel``: commas; ``excel-nl``: semicolons and a UTF-8 byte-order mark, as Excel under a
Dutch locale opens it."""


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]], dialect: str) -> str:
    if dialect not in CSV_DIALECTS:
        raise ValueError(f"unknown CSV dialect {dialect!r}; expected one of {CSV_DIALECTS}")
    out = io.StringIO()
    if dialect == "excel-nl":
        out.write("\ufeff")
    writer = csv.writer(out, delimiter=";" if dialect == "excel-nl" else ",", lineterminator="\n")
    writer.writerow(header)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return out.getvalue()


def attendance_csv(
    tracker: Tracker,
    as_of: dt.date,
    *,
    groups: Iterable[str] | None = None,
    dialect: str = "excel",
) -> str:
    """A row per youth and planned session while they were a member, up to *as_of*: group,
    day, session UID, youth and the latest status recorded (empty when none was)."""
    chosen = list(groups) if groups is not None else [g.id for g in tracker.program.groups]
    rows = []
    for group in chosen:
        grid = tracker.attendance_grid(group, as_of)
        for session in grid.sessions:
            for youth in grid.youths:
                key = (youth, session.uid)
                if key in grid.cells:
                    status = grid.cells[key]
                    rows.append(
                        (group, session.day.isoformat(), session.uid, youth, status or None)
                    )
    return _csv(("group", "day", "session_uid", "youth", "status"), rows, dialect)


def progress_csv(tracker: Tracker, as_of: dt.date, *, dialect: str = "excel") -> str:
    """A row per youth with an event by *as_of*: the latest level of each domain, the latest
    score and band of each instrument, ready to leave, and the size of their network."""
    framework = tracker.framework
    domains = [d.id for d in framework.domains]
    instruments = [i.id for i in framework.instruments]
    header = [
        "youth",
        *(f"level:{d}" for d in domains),
        *(f"score:{i}" for i in instruments),
        *(f"band:{i}" for i in instruments),
        "ready",
        "ties",
    ]
    overview = tracker.overview(as_of)
    rows = []
    for youth, progress in overview.progress.items():
        levels = progress.latest_levels
        scores = progress.latest_scores
        rows.append(
            (
                youth,
                *(levels.get(d) for d in domains),
                *(scores[i].total if i in scores else None for i in instruments),
                *(_band(scores.get(i)) for i in instruments),
                "yes" if progress.ready else "no",
                progress.network.size,
            )
        )
    return _csv(header, rows, dialect)


def _band(score: InstrumentScore | None) -> str | None:
    return None if score is None or score.band is None else score.band.label
