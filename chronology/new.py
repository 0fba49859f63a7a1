"""New: ``python build.py new event|actor|place|source`` writes a new data file. (Being written.)"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.add_argument("kind", choices=["event", "actor", "place", "source"])


def run(args: argparse.Namespace, root: Path) -> int:
    """Run the command; the exit code."""
    raise NotImplementedError
