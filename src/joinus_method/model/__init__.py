"""The values of the programme and their rules: people, programs, curricula, progress
frameworks with their scoring, closures and the chain graph.

Uses only :mod:`joinus_method.errors`; knows nothing of files, calendars or the command line.
"""
