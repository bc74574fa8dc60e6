"""joinus show: a curriculum at a glance, with how much the youths lead."""

from __future__ import annotations

from pathlib import Path

import pytest

from joinus_method.cli.main import main
from tests.paths import BROKEN, REPO

SMALL = """\
format = "joinus.curriculum.v1"
id = "klein"
title = "Kleine reeks"
audience = "youths"
led_by = "workers"
cadence_weeks = 2
default_minutes = 120

[[phases]]
id = "begin"
title = "Begin"

[[phases]]
id = "zelf"
title = "Zelf doen"

[[sessions]]
id = "een"
title = "Eerste avond"
phase = "begin"

[[sessions]]
id = "twee"
title = "Tweede avond"
phase = "zelf"
minutes = 100

[[sessions.segments]]
title = "Rondje"
minutes = 40

[[sessions.segments]]
title = "Spel van de jongeren"
minutes = 60
led_by = "youths"

[[sessions]]
id = "drie"
title = "Derde avond"
phase = "zelf"
led_by = "youths"
"""


def test_a_curriculum_at_a_glance(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Phases, sessions with minutes and segments, and the share the youths lead."""
    path = tmp_path / "klein.toml"
    path.write_text(SMALL, encoding="utf-8")
    assert main(["show", str(path)]) == 0
    assert capsys.readouterr().out == (
        "Kleine reeks (klein)\n"
        "for youths, led by workers; 3 sessions every 2 weeks, 340 minutes in all\n"
        "\n"
        "Begin (begin): 1 session, youths lead 0%\n"
        "   1. Eerste avond (120 min, youths lead 0%)\n"
        "\n"
        # 60 of the second's 100 minutes and all 120 of the third: 180 of 220.
        "Zelf doen (zelf): 2 sessions, youths lead 82%\n"
        "   2. Tweede avond (100 min, youths lead 60%)\n"
        "         40 min  Rondje\n"
        "         60 min  Spel van de jongeren [youths]\n"
        "   3. Derde avond (120 min, youths lead 100%)\n"
    )


def test_a_bundled_curriculum_by_id(capsys: pytest.CaptureFixture[str]) -> None:
    """A bundled curriculum is shown by its id; the youths lead more as the phases go on."""
    assert main(["show", "groepsavonden"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Join Us-groepsavonden voor jongeren (groepsavonden)\n")
    assert "\nKennismaken (kennismaken): 3 sessions, youths lead " in out


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (BROKEN / "segments-too-long.toml", "error: segments take"),
        (REPO / "examples" / "noordwijk-2021" / "program.toml", "error: not a curriculum"),
    ],
)
def test_not_a_valid_curriculum(
    path: Path, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A broken file, or another kind of document, is an error line and exit 1."""
    assert main(["show", str(path)]) == 1
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    ("curriculum", "said"),
    [
        ("werkerstraining", "9 sessions every week, then 9 follow-up sessions every 6 weeks"),
        ("groepsavonden", "; starts again from phase 'vertrouwen-opbouwen' when done"),
    ],
)
def test_the_rhythm_of_a_curriculum(
    curriculum: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The header counts the follow-up apart, and names the phase a cycle starts again from."""
    assert main(["show", curriculum]) == 0
    assert said in capsys.readouterr().out.splitlines()[1]
