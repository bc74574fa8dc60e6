"""Print the coach → worker → group chain of the Noordwijk 2021 program.

Run: python examples/noordwijk-2021/chain.py [--lang nl|en] [PROGRAM.toml]
Without a program it uses the copy of this program that ships with joinus_method. It speaks
Dutch under a Dutch locale or with --lang nl, English otherwise.
"""

from __future__ import annotations

import os
import sys

from joinus_method import (
    DocumentError,
    Program,
    Translator,
    language_from_environment,
    load_program,
    msg,
    translator,
)
from joinus_method.documents.bundled import load_bundled
from joinus_method.model.chain import build_chain, chain_problems, workers_to_train

WEEKDAYS = {
    "monday": msg("on Mondays"),
    "tuesday": msg("on Tuesdays"),
    "wednesday": msg("on Wednesdays"),
    "thursday": msg("on Thursdays"),
    "friday": msg("on Fridays"),
    "saturday": msg("on Saturdays"),
    "sunday": msg("on Sundays"),
}


def main(argv: list[str], tr: Translator) -> int:
    try:
        program = load_program(argv[0]) if argv else load_bundled("noordwijk-katwijk-2021")
    except DocumentError as error:
        for problem in error.problems:
            print(problem.describe(tr), file=sys.stderr)
        return 1
    assert isinstance(program, Program)
    graph = build_chain(program)
    print(program.title)
    for coach in program.coaches:
        print(tr(msg("coach {name}", name=coach.name)))
        for _, worker_node, data in sorted(graph.out_edges(("coach", coach.id), data=True)):
            worker = program.worker(worker_node[1])
            training = data.get("training")
            if training:
                how = msg("in {training}", training=training)
            else:
                how = msg("trained elsewhere on {day}", day=data["completed"])
            print("  " + tr(msg("trains {name} ({how})", name=worker.name, how=how)))
            for _, group_node in sorted(graph.out_edges(worker_node)):
                group = program.group(group_node[1])
                venue = program.venue(group.venue)
                guides = msg(
                    "guides {group}: ages {low} to {high}, {weekday} from {start} at {venue}",
                    group=group.name,
                    low=group.age_band.min_age,
                    high=group.age_band.max_age,
                    weekday=WEEKDAYS[group.weekday.value],
                    start=group.start_date,
                    venue=venue.name,
                )
                print("    " + tr(guides))
    for worker in workers_to_train(program):
        print(tr(msg("still to be trained: {name}", name=worker.name)))
    problems = chain_problems(program, graph)
    for problem in problems:
        print(problem.describe(tr), file=sys.stderr)
    return 1 if problems else 0


def run(argv: list[str]) -> int:
    """main() in the language asked for (--lang nl|en) or the locale's, with a closed pipe
    (as from `head`) ending the script quietly."""
    language = language_from_environment()
    if argv[:1] == ["--lang"] and len(argv) > 1 and argv[1] in ("nl", "en"):
        language, argv = argv[1], argv[2:]
    tr = translator(language)
    usage = tr(msg("usage: chain.py [--lang nl|en] [PROGRAM.toml]"))
    if argv[:1] in (["-h"], ["--help"]):
        print(usage + "\n\n" + tr(msg("Print the coach → worker → group chain of a program.")))
        return 0
    if len(argv) > 1 or (argv and argv[0].startswith("-")):
        print(usage, file=sys.stderr)
        return 2
    try:
        return main(argv, tr)
    except BrokenPipeError:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 1


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
