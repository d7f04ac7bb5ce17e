"""``python -m mkdocs_modelcard check ...``."""

import sys

from .cli import main

sys.exit(main())
