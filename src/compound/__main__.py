"""`python -m compound`."""

from compound.cli import main

raise SystemExit(main())
