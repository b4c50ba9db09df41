"""``python -m newsidx`` runs the command line."""

from newsidx.cli import run

run()
