"""What a developer would write instead of ``joinus plan``: the same national plan with
``dateutil.rrule`` and a dict of bookings, as a fair peer for ``bench_plan_path.py``.

It reads the program's TOML with ``tomllib`` and the school holidays from the same data file
the package ships, takes the public holidays from ``holidays``, and walks each group's
fortnightly dates with an ``rrule``: a date is skipped when it is a public holiday, a school
holiday of the program's region, a closure of the venue, or leave of a worker, or when a
worker or the venue is already booked at an overlapping time (looked up in a dict by person
or venue and day). It prints one line per session, by date, time and group.

Run: ``python benchmarks/peer_plan.py PROGRAM.toml`` (needs python-dateutil and holidays).
"""

from __future__ import annotations

import datetime as dt
import sys
import tomllib
from importlib import resources
from typing import Any

SESSION_MINUTES = 180  # every evening of the bundled group curriculum


def days_of(closure: dict[str, dt.date]) -> list[dt.date]:
    first = closure["start"]
    last = closure.get("end", first)
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def plan(program: dict[str, Any]) -> dict[str, list[dt.date]]:
    """The dates of each group of *program*, as ``tomllib`` read it."""
    import holidays
    from dateutil.rrule import WEEKLY, rrule

    region = program.get("school_region", "midden")
    shipped = resources.files("joinus_method.planning").joinpath("data/nl-school-holidays.toml")
    school = {
        day
        for entry in tomllib.loads(shipped.read_text("utf-8"))["holiday"]
        if entry["region"] in (region, "heel-nederland")
        for day in days_of(entry)
    }
    groups = program["groups"]
    first = min(g["start_date"] for g in groups)
    until = max(g["start_date"] for g in groups) + dt.timedelta(weeks=52)
    public = set(holidays.country_holidays("NL", years=range(first.year, until.year + 1)))
    closed = {
        v["id"]: {d for c in v.get("closures", ()) for d in days_of(c)} for v in program["venues"]
    }
    away = {
        w["id"]: {d for c in w.get("leave", ()) for d in days_of(c)} for w in program["workers"]
    }
    booked: dict[tuple[str, dt.date], list[tuple[int, int]]] = {}
    dates: dict[str, list[dt.date]] = {}
    for group in groups:
        time = group["start_time"]
        begin = time.hour * 60 + time.minute
        end = begin + SESSION_MINUTES
        venue, workers = group["venue"], group["workers"]
        mine = dates[group["id"]] = []
        start = dt.datetime.combine(group["start_date"], dt.time())
        for moment in rrule(WEEKLY, interval=2, dtstart=start, until=until):
            day = moment.date()
            if day in public or day in school or day in closed[venue]:
                continue
            if any(day in away[w] for w in workers):
                continue
            keys = [(w, day) for w in workers] + [(venue, day)]
            if any(b < end and begin < e for k in keys for b, e in booked.get(k, ())):
                continue
            for key in keys:
                booked.setdefault(key, []).append((begin, end))
            mine.append(day)
    return dates


def read(path: str) -> dict[str, Any]:
    """The program at *path*, as ``tomllib`` reads it."""
    with open(path, "rb") as file:
        return tomllib.load(file)


def main(path: str) -> int:
    program = read(path)
    times = {g["id"]: g["start_time"] for g in program["groups"]}
    rows = sorted((day, times[g], g) for g, days in plan(program).items() for day in days)
    sys.stdout.write("".join(f"{d} {t:%H:%M} {g}\n" for d, t, g in rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
