#!/usr/bin/env python3
"""The chronology's command line: ``python build.py`` checks and builds the site; see ``--help``."""

import sys

from chronology.cli import main

if __name__ == "__main__":
    sys.exit(main())
