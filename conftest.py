"""Hypothesis profiles for the whole suite, loaded in one place.

``default`` is fast for local runs; when ``CI`` is set, the built-in ``ci`` profile
(derandomized, no example database) is extended with the suite's own limits and loaded.
``mutation`` (derandomized, fewer examples) is what mutation runs use: the same examples
for every mutant, and a run that fits in an afternoon.
"""

import os

import pytest
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


if os.environ.get("MUTANT_UNDER_TEST"):
    import pytest

    @pytest.fixture(autouse=True)
    def _fresh_caches() -> None:
        """In a mutation run, remake what the package caches, so a mutant in the code that
        makes it is what the test sees (the run forks from a process that made them)."""
        from joinus_method.documents._converter import converter
        from joinus_method.documents.bundled import bundled_documents
        from joinus_method.planning.closures import public_holidays, school_holidays
        from joinus_method.planning.schedule import _positions

        for cached in (converter, bundled_documents, public_holidays, school_holidays, _positions):
            cached.cache_clear()


@pytest.fixture(autouse=True)
def _english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run under an English locale, whatever the developer's, as do the commands they
    start; a test that wants Dutch asks for it."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
