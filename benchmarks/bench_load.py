"""Load+validate speed and import cost, as ratios against baselines measured in the same run.

1. Loading and validating a generated 1,000-session curriculum and a 500-group program,
   against bare ``tomllib.loads`` of the same text (target: 3x or less).
2. The time ``import joinus_method`` adds over ``import tomllib`` in fresh interpreters
   (target: 60 ms or less).

Run: ``python benchmarks/bench_load.py`` (``--quick`` for fewer repeats).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
import tomllib

from common import best_of, national_program

from joinus_method import (
    Audience,
    Curriculum,
    Goal,
    Leader,
    Phase,
    Segment,
    SegmentKind,
    Session,
    dumps,
    loads,
)

LOAD_TARGET = 3.0
IMPORT_TARGET_MS = 60.0


def big_curriculum(n_sessions: int = 1000) -> Curriculum:
    phases = tuple(
        Phase(f"fase-{p}", f"Fase {p}", "Een fase van het programma.") for p in range(10)
    )
    goals = tuple(Goal(f"doel-{g}", f"Doel {g}") for g in range(8))
    sessions = []
    for i in range(n_sessions):
        sessions.append(
            Session(
                id=f"sessie-{i}",
                title=f"Bijeenkomst {i}",
                phase=phases[i * len(phases) // n_sessions].id,
                goals=(goals[i % 8].id, goals[(i + 3) % 8].id),
                requires=(f"sessie-{i - 1}",) if i else (),
                description="Samen een activiteit voorbereiden en uitvoeren.",
                segments=(
                    Segment("Openingsrondje", 30, SegmentKind.OPENING_ROUND),
                    Segment("Activiteit", 90, SegmentKind.ACTIVITY, Leader.YOUTHS),
                    Segment("Plannen", 20, SegmentKind.PLANNING),
                    Segment("Een-op-een", 30, SegmentKind.ONE_TO_ONE),
                ),
            )
        )
    return Curriculum(
        id="groot",
        title="Groot curriculum",
        audience=Audience.YOUTHS,
        led_by=Leader.WORKERS,
        cadence_weeks=2,
        default_minutes=180,
        phases=phases,
        sessions=tuple(sessions),
        goals=goals,
    )


def import_ms(statement: str, repeats: int) -> float:
    runs = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", statement], check=True)
        runs.append((time.perf_counter() - t0) * 1000)
    return statistics.median(runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    args = parser.parse_args()
    repeats = 3 if args.quick else 7

    print("load + validate against bare tomllib.loads of the same text (target <= 3.0x)")
    for name, doc in (
        ("1,000-session curriculum", big_curriculum()),
        ("500-group program", national_program(500)),
    ):
        text = dumps(doc)
        assert loads(text) == doc
        base = best_of(lambda text=text: tomllib.loads(text), repeats)
        ours = best_of(lambda text=text: loads(text), repeats)
        ratio = ours / base
        verdict = "ok" if ratio <= LOAD_TARGET else "ABOVE TARGET"
        print(
            f"  {name:<26} {len(text) / 1024:7.0f} KiB  tomllib {base * 1000:7.1f} ms"
            f"  joinus {ours * 1000:7.1f} ms  ratio {ratio:4.2f}x  {verdict}"
        )

    print("import time in fresh interpreters, median (target <= 60 ms added)")
    import_repeats = 5 if args.quick else 15
    base_ms = import_ms("import tomllib", import_repeats)
    ours_ms = import_ms("import joinus_method", import_repeats)
    added = ours_ms - base_ms
    verdict = "ok" if added <= IMPORT_TARGET_MS else "ABOVE TARGET"
    print(
        f"  import tomllib {base_ms:6.1f} ms  import joinus_method {ours_ms:6.1f} ms"
        f"  added {added:5.1f} ms  ratio {ours_ms / base_ms:4.2f}x  {verdict}"
    )
    # Public names load on first use; this is the cost of the whole model once used.
    model_ms = import_ms(
        "from joinus_method import Program, Curriculum, ProgressFramework", import_repeats
    )
    print(
        f"  and with the model classes loaded: {model_ms:6.1f} ms"
        f"  added {model_ms - base_ms:5.1f} ms  ratio {model_ms / base_ms:4.2f}x  (for information)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
