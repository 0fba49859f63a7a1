"""Fmt: ``python build.py fmt`` puts every data file in canonical form. (Being written.)"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.add_argument("--check", action="store_true")


def run(args: argparse.Namespace, root: Path) -> int:
    """Run the command; the exit code."""
    raise NotImplementedError
