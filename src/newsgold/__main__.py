"""Allow ``python -m newsgold``."""

from newsgold.cli import main

raise SystemExit(main())
