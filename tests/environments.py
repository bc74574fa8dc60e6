"""Environments for running the package in a child process."""

from __future__ import annotations

import os
from pathlib import Path

import joinus_method


def ascii_locale() -> dict[str, str]:
    """This environment under the C locale, where Python's default encoding is ASCII, with
    the package under test importable."""
    return {
        **os.environ,
        "LC_ALL": "C",
        "LANG": "C",
        "PYTHONCOERCECLOCALE": "0",
        "PYTHONUTF8": "0",
        "PYTHONIOENCODING": "utf-8",
        "PYTHONPATH": str(Path(joinus_method.__file__).parent.parent),
    }
