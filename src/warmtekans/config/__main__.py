"""``python -m warmtekans.config --check FILE...`` | ``--schema`` | ``--defaults``
(see :mod:`warmtekans.config.cli`)."""

import sys

from warmtekans.config.cli import cli

raise SystemExit(cli(sys.argv[1:]))
