"""``python -m joinus_method`` runs the ``joinus`` command."""

import sys

from .cli import main

sys.exit(main())
