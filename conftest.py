"""Hypothesis profiles for the whole suite, loaded in one place.

``default`` is fast for local runs; when ``CI`` is set, the built-in ``ci`` profile
(derandomized, no example database) is extended with the suite's own limits and loaded.
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
settings.load_profile(
    "ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "default")
)
