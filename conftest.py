"""Hypothesis profiles for the whole suite, loaded in one place.

``default`` is fast for local runs; when ``CI`` is set, the built-in ``ci`` profile
(derandomized, no example database) is extended with the suite's own limits and loaded.
``mutation`` (derandomized, fewer examples) is what mutation runs use: the same examples
for every mutant, and a run that fits in an afternoon.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=60, deadline=None)
settings.register_profile(
    "ci",
    parent=settings.get_profile("ci"),
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "mutation",
    parent=settings.get_profile("ci"),
    max_examples=30,
    deadline=None,
    # mutmut runs each test class's methods more than once in one process.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.differing_executors],
)
settings.load_profile(
    "ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "default")
)
