"""``python -m joinus_method`` runs the ``joinus`` command."""

import sys

from .cli.main import main

sys.exit(main())
