#!/usr/bin/env python3
"""Build a curriculum in Python, write it as TOML, and check it as `joinus check` does.

Run: python examples/write_a_curriculum.py [FILE]

The curriculum is a short series of four evenings in which a new group of youths gets to
know each other ("kennismaking"), built from the attrs value objects of
joinus_method.model.curriculum. A value that breaks a rule cannot be built, so what is
written is already valid on its own; the check that follows also looks across documents
(the goals name domains of the bundled progress framework). The TOML goes to FILE (default:
a new temporary file, whose path is printed), is loaded back and compared, and checked.
Then the same text with one mistake shows what a problem looks like.

Exit status: 0 when the file was written, loads back equal and passes the check; 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from joinus_method import (
    Audience,
    Curriculum,
    DocumentError,
    Goal,
    InvalidValue,
    JoinUsError,
    Leader,
    Phase,
    Pin,
    Segment,
    SegmentKind,
    Session,
    dump,
    load_curriculum,
    translator,
)
from joinus_method.documents.references import check_files, check_texts

FRAMEWORK = "zelfredzaamheid"
"""The bundled progress framework whose domains the goals serve."""


def kennismaking() -> Curriculum:
    """Four evenings, every two weeks, in which a new group gets to know each other."""
    # Every evening opens with a round and ends by choosing what to do next time: the
    # segments are values too, so they can be shared between sessions.
    opening = Segment("Openingsrondje", 20, SegmentKind.OPENING_ROUND)
    pause = Segment("Pauze", 15, SegmentKind.BREAK)
    next_time = Segment(
        "Wat doen we de volgende keer?",
        15,
        SegmentKind.PLANNING,
        led_by=Leader.YOUTHS,
        description="De jongeren kiezen samen de activiteit van de volgende avond.",
    )
    return Curriculum(
        id="kennismaking-jongeren",
        title="Kennismaking: vier avonden om elkaar te leren kennen",
        audience=Audience.YOUTHS,
        led_by=Leader.WORKERS,
        cadence_weeks=2,
        default_minutes=120,
        framework=FRAMEWORK,
        summary=(
            "Een nieuwe groep leert elkaar in vier avonden kennen. De begeleiders leiden de "
            "eerste avond; daarna nemen de jongeren steeds meer zelf de leiding."
        ),
        phases=(
            Phase("kennismaken", "Kennismaken", "Elkaar en de begeleiders leren kennen."),
            Phase("samen-beginnen", "Samen beginnen", "Samen afspraken maken en plannen."),
        ),
        # A goal may name a domain of the framework: that is what the check looks up.
        goals=(
            Goal("erbij-horen", "Ervaren dat je erbij hoort.", "positieve-ervaringen"),
            Goal("contact-maken", "Een gesprek beginnen en gaande houden.", "sociale-vaardigheden"),
        ),
        sessions=(
            Session(
                "welkom",
                "Welkom in de groep",
                "kennismaken",
                goals=("erbij-horen",),
                pinned=Pin.FIRST,
                segments=(
                    opening,
                    Segment("Kennismakingsspel", 40, SegmentKind.ACTIVITY),
                    pause,
                    Segment("Zo werken onze avonden", 20, SegmentKind.INSTRUCTION),
                    next_time,
                ),
            ),
            Session(
                "wie-ben-jij",
                "Wie ben jij?",
                "kennismaken",
                goals=("erbij-horen", "contact-maken"),
                requires=("welkom",),
                segments=(
                    opening,
                    Segment("Interview in tweetallen", 40, SegmentKind.EXERCISE),
                    pause,
                    Segment("De activiteit die de groep koos", 30, led_by=Leader.YOUTHS),
                    next_time,
                ),
            ),
            Session(
                "groepsafspraken",
                "Samen afspraken maken",
                "samen-beginnen",
                goals=("erbij-horen",),
                segments=(
                    opening,
                    Segment(
                        "Wat hebben we nodig om ons veilig te voelen?", 45, SegmentKind.DISCUSSION
                    ),
                    pause,
                    Segment("Samen koken", 25, led_by=Leader.YOUTHS),
                    next_time,
                ),
            ),
            Session(
                "eerste-plan",
                "Ons eerste plan",
                "samen-beginnen",
                goals=("contact-maken",),
                requires=("groepsafspraken",),
                pinned=Pin.LAST,
                led_by=Leader.YOUTHS,
                description="Twee jongeren leiden de avond; de begeleiders helpen waar nodig.",
                segments=(
                    opening,
                    Segment("Plannen voor de komende maanden", 45, SegmentKind.PLANNING),
                    pause,
                    Segment("Terugblik op vier avonden", 20, SegmentKind.REFLECTION),
                    Segment("Afsluiting", 10, SegmentKind.CLOSING),
                ),
            ),
        ),
    )


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Build a curriculum in Python, write it as TOML, load it back, check it."
    )
    parser.add_argument(
        "file",
        nargs="?",
        type=Path,
        metavar="FILE",
        help="the TOML file to write (default: a new temporary file)",
    )
    return parser.parse_args(argv)


def run(path: Path) -> int:
    tr = translator("en")
    curriculum = kennismaking()
    youths_lead = sum(curriculum.minutes_led_by(s, Leader.YOUTHS) for s in curriculum.sessions)
    print(
        f"built: {curriculum.id!r}, {len(curriculum.sessions)} sessions, "
        f"{curriculum.total_minutes} minutes, {youths_lead} of them led by the youths"
    )

    # 1. Write. dump() writes dumps(curriculum) through a temporary file, so the file is
    #    never half-written. Pass schema="<path or URL of curriculum.schema.json>" to head
    #    it with a #:schema line for editors (`joinus schema curriculum` prints the schema).
    dump(curriculum, path)
    text = path.read_text(encoding="utf-8")
    print(f"wrote: {path} ({len(text.splitlines())} lines of TOML)")

    # 2. Load it back. Documents load and dump without loss: the value read is equal to
    #    the value written.
    loaded = load_curriculum(path)
    equal = loaded == curriculum
    print("ok: loads back equal" if equal else "error: loads back different")

    # 3. Check, as `joinus check FILE` does: each file given is loaded, and the ids it uses
    #    of other documents (here the framework and its domains) are looked up among the
    #    files given together, then among the bundled documents. (For a program, the
    #    command also checks the calendar rules; a curriculum has none.)
    (result,) = check_files([path])
    if result.ok:
        print(f"ok: {result.source} passes the check")
    for problem in result.problems:
        print(problem.describe(tr))

    # 4. The same text with one mistake: a domain the framework does not have. The problem
    #    says the file, line and column of the key, as `joinus check` prints it.
    broken = text.replace('"sociale-vaardigheden"', '"sociale-vaardigheid"')
    (mistake,) = check_texts([("met-een-fout.toml", broken)])
    print("a misspelt domain:")
    for problem in mistake.problems:
        print(f"  {problem.describe(tr)}")
    return 0 if equal and result.ok else 1


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    try:
        path: Path = args.file or Path(tempfile.mkdtemp(prefix="joinus-curriculum-")) / (
            "kennismaking-jongeren.toml"
        )
        return run(path)
    except BrokenPipeError:
        # The reader went away (as `head` does): stop quietly.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 1
    except (InvalidValue, DocumentError) as error:
        # A value that breaks a rule is not built: every problem says which rule, and
        # where ("[at $.sessions[2].segments]"); a file that does not load says its lines.
        tr = translator("en")
        print(f"error: {tr(error.message)}", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem.describe(tr)}", file=sys.stderr)
        return 1
    except JoinUsError as error:
        print(f"error: {translator('en')(error.message)}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
