"""Plain models of the Dutch calendar, written apart from the code under test, for the
tests to compare the closures calendar and the planner against."""

from __future__ import annotations

import datetime as dt
import tomllib

from tests.paths import REPO


def shipped_school_holidays(region: str) -> list[tuple[dt.date, dt.date, str]]:
    """First day, last day and name of each shipped holiday of *region* and of the whole
    country, read as plain TOML."""
    path = REPO / "src" / "joinus_method" / "planning" / "data" / "nl-school-holidays.toml"
    found = []
    for e in tomllib.loads(path.read_text(encoding="utf-8"))["holiday"]:
        if e["region"] == "heel-nederland":
            found.append((e["start"], e["end"], e["kind"]))
        elif e["region"] == region:
            found.append((e["start"], e["end"], f"{e['kind']} regio {region}"))
    return found


def koningsdag(year: int) -> dt.date:
    """King's Day: 27 April, or the Saturday before when that is a Sunday."""
    day = dt.date(year, 4, 27)
    return day - dt.timedelta(days=1) if day.weekday() == 6 else day
