"""Print the coach → worker → group chain of the Noordwijk 2021 program.

Run: python examples/noordwijk-2021/chain.py [PROGRAM.toml]
Without an argument it uses the copy of this program that ships with joinus_method.
"""

from __future__ import annotations

import os
import sys

from joinus_method import DocumentError, Program, load_program
from joinus_method.documents.bundled import load_bundled
from joinus_method.model.chain import build_chain, chain_problems, workers_to_train


def main(argv: list[str]) -> int:
    try:
        program = load_program(argv[0]) if argv else load_bundled("noordwijk-katwijk-2021")
    except DocumentError as error:
        print(error, file=sys.stderr)
        return 1
    assert isinstance(program, Program)
    graph = build_chain(program)
    print(program.title)
    for coach in program.coaches:
        print(f"coach {coach.name}")
        for _, worker_node, data in sorted(graph.out_edges(("coach", coach.id), data=True)):
            worker = program.worker(worker_node[1])
            training = data.get("training")
            how = f"in {training}" if training else f"trained elsewhere on {data['completed']}"
            print(f"  trains {worker.name} ({how})")
            for _, group_node in sorted(graph.out_edges(worker_node)):
                group = program.group(group_node[1])
                venue = program.venue(group.venue)
                print(
                    f"    guides {group.name}: ages {group.age_band}, "
                    f"{group.weekday.value}s from {group.start_date} at {venue.name}"
                )
    for worker in workers_to_train(program):
        print(f"still to be trained: {worker.name}")
    problems = chain_problems(program, graph)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def run(argv: list[str]) -> int:
    """main(), with a closed pipe (as from `head`) ending the script quietly."""
    try:
        return main(argv)
    except BrokenPipeError:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 1


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
