"""Sessions on real dates: the closures calendar and its data, the planner, a youth's
milestones, placement in groups, and the plan's iCalendar and CSV exports.

Uses :mod:`joinus_method.model` and :mod:`joinus_method.errors`; never the documents layer.
"""
