"""The ``joinus`` command: one module per subcommand and a small :mod:`.main` that parses
the command line and dispatches. The only layer that prints.

May use every layer below it.
"""
