"""Which language the person at the command line reads, from their locale."""

from __future__ import annotations

import os
from collections.abc import Mapping

__all__ = ["dutch_locale"]


def dutch_locale(environ: Mapping[str, str] | None = None) -> bool:
    """Whether the locale of *environ* (the process's by default) is Dutch: the first of
    LC_ALL, LC_MESSAGES and LANG that is set names ``nl``."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return value.split("_")[0].split(".")[0].lower() == "nl"
    return False
