"""Places in the repository the tests read from."""

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
"""The repository's top folder."""
BROKEN = REPO / "tests" / "broken"
"""Files with one mistake each, the expected error on their first line."""
