"""``python -m communique``: the same as the ``communique`` command."""

from communique.cli import main

raise SystemExit(main())
