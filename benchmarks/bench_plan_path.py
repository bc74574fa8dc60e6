"""`joinus plan` on the user's whole path, as ratios against baselines measured in the same run.

A national program is written as TOML: 2,000 (and 20,000) groups in pairs that share their two
workers and their venue on the same weekday, one group at 15:00 and the other at 19:00, so
that every session's clash check compares times; every third venue is closed for a week in
spring and every fifth worker is on leave for two weeks in the autumn
(``common.national_program(n, paired=True)``).

- (a) ``joinus plan FILE`` as a whole process (its table sent to /dev/null), against a whole
  process that only parses the same TOML with ``tomllib`` and walks the same number of grid
  dates of every group with a set lookup of closed days. Targets: 3x or less at 2,000 groups;
  11x or less from 2,000 to 20,000 groups.
- (b) The API's full plan, every session value made, in order (``ProgramPlan.sessions``:
  by date and time, then series), against the bare date loop that sorts its (date, time,
  group) tuples, in this process. Target: 4x or less.
- (c) The import of what ``joinus plan`` imports, against ``import tomllib``, each in a
  process of its own; the modules are imported as the command imports them: its entry point,
  then the rest with the cycle collector set as the command sets it while it runs. Target:
  100 ms or less added.
- The peak memory of ``joinus plan`` on 20,000 groups. Target: 250 MB or less.
- A fair peer (``peer_plan.py``): the same national plan with ``dateutil.rrule`` and a dict
  of bookings, what a developer would write instead, as a whole process; its dates are
  checked equal to ours, group by group. Target: ``joinus plan`` takes 0.5x the peer's time
  or less.

The package's modules are compiled to bytecode first, as ``pip install`` does (an editable
install, or ``PYTHONDONTWRITEBYTECODE``, would otherwise compile them in every process).
Wall time of whole processes is what a user waits for; each figure is the best of several
runs, the two sides taking turns. A missed target is printed as MISSED; the exit status is 1
then.

Run: ``python benchmarks/bench_plan_path.py`` (``--quick``: 2,000 groups only, fewer runs).
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import national_program

import joinus_method
from joinus_method import Program
from joinus_method.documents.bundled import load_bundled
from joinus_method.documents.files import dump
from joinus_method.planning.closures import ClosureCalendar
from joinus_method.planning.schedule import plan_program

PEER = Path(__file__).with_name("peer_plan.py")
PEER_TARGET = 0.5
PROCESS_TARGET = 3.0
GROWTH_TARGET = 11.0
API_TARGET = 4.0
IMPORT_TARGET_MS = 100.0
MEMORY_TARGET_MB = 250.0


# The baseline process: parse the same TOML and walk each group's grid dates, every two
# weeks for a year, with a set lookup of the closed days the file names.
BASELINE = """
import datetime as dt, sys, tomllib
with open(sys.argv[1], "rb") as f:
    data = tomllib.load(f)
closed = set()
for venue in data["venues"]:
    for c in venue.get("closures", ()):
        day = c["start"]
        while day <= c.get("end", c["start"]):
            closed.add((venue["id"], day))
            day += dt.timedelta(days=1)
step, count = dt.timedelta(weeks=2), 0
for group in data["groups"]:
    day = group["start_date"]
    for _ in range(27):
        if (group["venue"], day) not in closed:
            count += 1
        day += step
print(count)
"""


def best_wall(argv: list[str], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - started)
    return best


def joinus() -> str:
    found = Path(sys.executable).with_name("joinus")
    return str(found) if found.exists() else "joinus"


def whole_process(path: Path, repeats: int) -> tuple[float, float]:
    ours = base = float("inf")
    for _ in range(repeats):  # taking turns
        ours = min(ours, best_wall([joinus(), "plan", str(path)], 1))
        base = min(base, best_wall([sys.executable, "-c", BASELINE, str(path)], 1))
    return ours, base


def against_the_peer(path: Path, program: Program, repeats: int) -> tuple[float, float, int]:
    """Wall times of ``joinus plan`` and of the peer on *path*, taking turns; and how many
    groups' dates differ between our plan and the peer's (0 when they agree)."""
    sys.path.insert(0, str(PEER.parent))
    import peer_plan

    curricula = {name: load_bundled(name) for name in ("werkerstraining", "groepsavonden")}
    plan = plan_program(program, curricula, ClosureCalendar.for_program(program))  # type: ignore[arg-type]
    theirs = peer_plan.plan(peer_plan.read(str(path)))
    differ = sum(list(plan.plan(g.id).days) != theirs[g.id] for g in program.groups)
    ours = peer = float("inf")
    for _ in range(repeats):
        ours = min(ours, best_wall([joinus(), "plan", str(path)], 1))
        peer = min(peer, best_wall([sys.executable, str(PEER), str(path)], 1))
    return ours, peer, differ


def peak_memory_mb(path: Path) -> float:
    """The peak resident memory of one ``joinus plan`` process (that process alone)."""
    child = subprocess.Popen([joinus(), "plan", str(path)], stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, child.args)
    return usage.ru_maxrss / 1024


def api_plan(program: Program, repeats: int) -> tuple[float, float]:
    curricula = {name: load_bundled(name) for name in ("werkerstraining", "groepsavonden")}
    calendar = ClosureCalendar.for_program(program)

    def ours() -> int:
        # Every session value, in the program's order: by date and time, then series.
        return len(plan_program(program, curricula, calendar).sessions)  # type: ignore[arg-type]

    closed = set(calendar.public) | set(calendar.school)

    def bare() -> int:
        step, count = dt.timedelta(weeks=2), []
        for group in program.groups:
            day = group.start_date
            for _ in range(27):
                if day not in closed:
                    count.append((day, group.start_time, group.id))
                day += step
        return len(sorted(count))

    best_ours = best_bare = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        ours()
        best_ours = min(best_ours, time.perf_counter() - t)
        t = time.perf_counter()
        bare()
        best_bare = min(best_bare, time.perf_counter() - t)
    return best_ours, best_bare


class Imports:
    """(c): the wall time of a process importing what ``joinus plan`` imports, and of one
    importing tomllib only, each the best of the runs made so far.

    The runs are made in a few rounds spread over the benchmark (:meth:`run`): a slow minute
    of a shared machine then slows one round, not the figure.
    """

    def __init__(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            listed = Path(folder) / "modules.txt"
            code = (
                "import sys, atexit\n"
                f"out = open({str(listed)!r}, 'w')\n"
                "atexit.register(lambda: (out.write(' '.join(sorted(sys.modules))), out.close()))\n"
                "from joinus_method.cli.main import main\n"
                "sys.exit(main(['plan']))\n"
            )
            subprocess.run([sys.executable, "-c", code], check=True, stdout=subprocess.DEVNULL)
            modules = [m for m in listed.read_text().split() if m != "__main__"]
        # As the command imports them: its entry point first, then the rest while the command
        # runs, with the cycle collector as the command sets it then.
        self.load = (
            "import importlib\n"
            "from joinus_method.cli.main import _collecting_rarely, main\n"
            "with _collecting_rarely():\n"
            f"    for m in {modules!r}:\n"
            "        try:\n"
            "            importlib.import_module(m)\n"
            "        except ImportError:\n"
            "            pass\n"
        )
        self.ours = self.base = float("inf")

    def run(self, pairs: int) -> None:
        """Time *pairs* more runs of each side, taking turns."""
        for _ in range(pairs):
            self.ours = min(self.ours, best_wall([sys.executable, "-c", self.load], 1))
            self.base = min(self.base, best_wall([sys.executable, "-c", "import tomllib"], 1))


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="2,000 groups only, fewer runs")
    args = parser.parse_args()
    repeats = 3 if args.quick else 5
    sizes = (2000,) if args.quick else (2000, 20000)
    missed = False
    compileall.compile_dir(Path(joinus_method.__file__).parent, quiet=1)
    imports = Imports()
    imports.run(repeats)
    with tempfile.TemporaryDirectory() as folder:
        times: dict[int, float] = {}
        for size in sizes:
            program = national_program(size, paired=True)
            path = Path(folder) / f"landelijk-{size}.toml"
            dump(program, path)
            ours, base = whole_process(path, repeats if size == 2000 else 2)
            times[size] = ours
            ratio = ours / base
            print(
                f"(a) joinus plan on {size:,} groups ({path.stat().st_size // 1024:,} kB of TOML): "
                f"{ours:.2f} s, baseline process {base:.2f} s, ratio {ratio:.1f}x"
                + (
                    f" (target <= {PROCESS_TARGET:.0f}x)  {verdict(ratio <= PROCESS_TARGET)}"
                    if size == 2000
                    else ""
                )
            )
            missed |= size == 2000 and ratio > PROCESS_TARGET
            imports.run(repeats)
            if size == 2000:
                ours, peer, differ = against_the_peer(path, program, repeats)
                ratio = ours / peer
                print(
                    f"(4) against the peer (dateutil.rrule and a dict of bookings, "
                    f"{'the same dates' if not differ else f'{differ} groups with other dates'}): "
                    f"joinus plan {ours:.2f} s, peer {peer:.2f} s, ratio {ratio:.2f}x "
                    f"(target <= {PEER_TARGET}x)  {verdict(ratio <= PEER_TARGET and not differ)}"
                )
                missed |= ratio > PEER_TARGET or bool(differ)
                api, bare = api_plan(program, repeats * 2)
                ratio = api / bare
                print(
                    f"(b) the API's full plan of {size:,} groups, every session made and sorted: "
                    f"{api * 1000:.0f} ms, bare date loop {bare * 1000:.0f} ms, ratio {ratio:.1f}x "
                    f"(target <= {API_TARGET:.0f}x)  {verdict(ratio <= API_TARGET)}"
                )
                missed |= ratio > API_TARGET
                imports.run(repeats)
            if size == 20000:
                growth = times[20000] / times[2000]
                print(
                    f"    2,000 -> 20,000 groups: {growth:.1f}x the time "
                    f"(target <= {GROWTH_TARGET:.0f}x)  {verdict(growth <= GROWTH_TARGET)}"
                )
                missed |= growth > GROWTH_TARGET
                memory = peak_memory_mb(path)
                print(
                    f"    peak memory of joinus plan on 20,000 groups: {memory:.0f} MB "
                    f"(target <= {MEMORY_TARGET_MB:.0f} MB)  {verdict(memory <= MEMORY_TARGET_MB)}"
                )
                missed |= memory > MEMORY_TARGET_MB
    imports.run(repeats)
    ours, base = imports.ours, imports.base
    added = (ours - base) * 1000
    print(
        f"(c) importing what joinus plan imports: {ours * 1000:.0f} ms, import tomllib "
        f"{base * 1000:.0f} ms, added {added:.0f} ms (target <= {IMPORT_TARGET_MS:.0f} ms)  "
        f"{verdict(added <= IMPORT_TARGET_MS)}"
    )
    missed |= added > IMPORT_TARGET_MS
    return 1 if missed else 0


if __name__ == "__main__":
    os.environ.setdefault("LANG", "C.UTF-8")
    sys.exit(main())
