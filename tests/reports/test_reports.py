"""Reports from a tracker: what each holds, in Dutch by default, and nothing it may not."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinus_method.errors import UnknownId
from joinus_method.model.youths import PersonalData
from joinus_method.reports import charts
from joinus_method.reports.build import (
    coach_report,
    evening_report,
    group_report,
    programme_report,
    suppressed,
    worker_report,
    youth_report,
)
from joinus_method.reports.document import Report, to_html, to_markdown
from joinus_method.tracking.events import AttendanceStatus
from joinus_method.tracking.store import Store, open_store
from joinus_method.tracking.tracker import Tracker
from joinus_method.tracking.views import SMALLEST_COUNT
from tests.seed import FRAMEWORK, NOORDWIJK
from tests.tracking.test_tracker import GROUPS, PLAN, road

A, P, L = AttendanceStatus.ABSENT, AttendanceStatus.PRESENT, AttendanceStatus.LATE
AS_OF = dt.date(2021, 12, 1)
NAME = "Femke Jansen"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = open_store(tmp_path / "groep.sqlite")
    group = GROUPS[0]
    for n in range(7):
        statuses = [P, L, A, P, P, A, A, P, P, P, P, P][n % 3 :] if n != 3 else [A] * 12
        for_peer = f"y-{(n + 1) % 7:02d}"
        opened.record(
            road(f"y-{n:02d}", group, n % 2, statuses, [n, n + 2, n + 4], None, for_peer), plan=PLAN
        )
    opened.set_personal(PersonalData("y-00", NAME, dt.date(2004, 3, 1), "06-12345678"))
    return opened


def tracker_of(store: Store) -> Tracker:
    return Tracker(store, NOORDWIJK, PLAN, FRAMEWORK)


def both(report: Report, language: str = "nl") -> tuple[str, str]:
    return to_markdown(report, language), to_html(report, language)


def test_a_youth_s_report_by_pseudonym_in_dutch(store: Store) -> None:
    markdown, page = both(youth_report(tracker_of(store), "y-00", AS_OF))
    assert markdown.startswith("# Jongere y-00")
    for heading in (
        "## Waar de jongere staat",
        "## Domeinniveaus",
        "## Eenzaamheid",
        "## Eigen netwerk",
    ):
        assert heading in markdown
    for text in (markdown, page):
        assert NAME not in text
        assert "06-12345678" not in text


def test_english_on_request(store: Store) -> None:
    markdown, page = both(youth_report(tracker_of(store), "y-00", AS_OF), "en")
    assert markdown.startswith("# Youth y-00")
    assert '<html lang="en">' in page


def test_html_is_self_contained_and_accessible(store: Store) -> None:
    tracker = tracker_of(store)
    evening = PLAN.plan(GROUPS[0]).sessions[3].uid
    for report in (
        youth_report(tracker, "y-00", AS_OF),
        group_report(tracker, GROUPS[0], AS_OF),
        evening_report(tracker, evening),
        programme_report(tracker, AS_OF),
    ):
        page = to_html(report)
        assert not re.search(r"(https?:|//[a-z]|<script|<link|<img|<iframe|url\((?!#))", page)
        levels = [int(h) for h in re.findall(r"<h([1-6])", page)]
        assert levels[0] == 1
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels))
        assert page.count("<table>") == page.count("<caption>") == page.count("<thead>")
        assert '<meta name="viewport"' in page
        assert "@page { size: A4" in page


def test_a_group_s_report_has_every_member_and_their_attendance(store: Store) -> None:
    report = group_report(tracker_of(store), GROUPS[0], AS_OF)
    markdown = to_markdown(report)
    grid = next(
        b
        for s in report.sections
        for b in s.blocks
        if getattr(b, "caption", "") == "Attendance per evening"
    )
    assert {row[0] for row in grid.rows} == {f"y-{n:02d}" for n in range(7)}
    assert "| y-03 |" in markdown
    assert "Samenhang" in markdown


def test_the_evening_sheet_shows_names_only_in_the_worker_s_view(store: Store) -> None:
    tracker = tracker_of(store)
    evening = PLAN.plan(GROUPS[0]).sessions[1]
    plain = to_markdown(evening_report(tracker, evening.uid))
    assert "y-00" in plain
    assert NAME not in plain
    named = to_markdown(evening_report(tracker, evening.uid, {"y-00": NAME}))
    assert NAME in named
    assert "| y-00 |" not in named
    # Joined at the second evening: welcomed then.
    assert "y-01" in plain.split("## Welkom")[1].split("##")[0]


def test_the_programme_report_shows_no_small_count(store: Store) -> None:
    markdown = to_markdown(programme_report(tracker_of(store), AS_OF))
    numbers = [int(n) for n in re.findall(r"\| (\d+) \|", markdown)]
    assert all(n == 0 or n >= SMALLEST_COUNT for n in numbers)
    assert "y-0" not in markdown


@given(st.lists(st.integers(0, 40), min_size=1, max_size=8))
def test_no_suppressed_count_can_be_worked_out(counts: list[int]) -> None:
    shown = suppressed(counts)
    assert all(s is None or s == c for s, c in zip(shown, counts, strict=True))
    assert all(s is None or s == 0 or s >= SMALLEST_COUNT for s in shown)
    hidden = [c for s, c in zip(shown, counts, strict=True) if s is None]
    positive_others = [c for s, c in zip(shown, counts, strict=True) if s is not None and c > 0]
    # One hidden count alone could be worked out from the total, unless it is all there is.
    assert len(hidden) != 1 or not positive_others


def test_worker_and_coach_reports_show_caseload_and_signals(store: Store) -> None:
    tracker = tracker_of(store)
    worker = to_markdown(worker_report(tracker, "daan-kuijpers", AS_OF))
    assert worker.startswith("# Jongerenwerker Daan Kuijpers")
    assert "| Daan Kuijpers | groep-18-25-x-out | 2021-04-29 | 7 |" in worker
    coach = to_markdown(coach_report(tracker, "marieke-verhoef", AS_OF))
    for name in ("Daan Kuijpers", "Esra Yildiz", "Joost van der Meer", "Noor Bakker"):
        assert f"| {name} |" in coach
    with pytest.raises(UnknownId):
        worker_report(tracker, "nobody", AS_OF)


def test_charts_are_inline_svg_or_say_how_to_get_them(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    tracker = tracker_of(store)
    if charts.available():
        page = to_html(youth_report(tracker, "y-00", AS_OF))
        assert "<svg" in page
        assert 'role="img" aria-label="Voortgangsster' in page
    monkeypatch.setattr(charts, "available", lambda: False)
    page = to_html(group_report(tracker, GROUPS[0], AS_OF))
    assert "<svg" not in page
    assert "joinus_method[charts]" in page
