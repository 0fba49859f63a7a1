#!/usr/bin/env python3
"""The chronology's command line: ``python build.py`` checks and builds the site; see ``--help``.

``python build.py`` works with any Python 3.11 to 3.13, whether or not the project's virtual
environment is activated: when the packages the site needs are not importable here and the
project's ``.venv`` (made by ``make setup``, ``make site`` or ``make test``) exists, the command runs
again under ``.venv/bin/python``.
"""

import os
import re
import signal
import sys
from importlib.util import find_spec
from pathlib import Path

#: Distributions whose module has another name.
MODULE_OF = {"pyyaml": "yaml"}


def _needed() -> list[str]:
    """The modules of the site's runtime dependencies, as pyproject.toml lists them."""
    import tomllib

    project = tomllib.loads((Path(__file__).resolve().parent / "pyproject.toml").read_text("utf-8"))["project"]
    names = [re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].lower() for requirement in project["dependencies"]]
    return [MODULE_OF.get(name, name.replace("-", "_")) for name in names]


def _missing() -> list[str]:
    missing = []
    for name in _needed():
        try:
            if find_spec(name) is None:
                missing.append(name)
        except ModuleNotFoundError:  # a dotted name whose parent is missing
            missing.append(name)
    return missing


def _run_in_the_project_environment() -> None:
    """Run again under the project's .venv when this Python lacks the packages; else say what to do."""
    missing = _missing()
    if not missing:
        return
    here = Path(__file__).resolve().parent
    venv = here / ".venv"
    python = venv / "bin" / "python"
    inside = Path(sys.prefix).resolve() == venv.resolve()
    if python.is_file() and not inside and not os.environ.get("CHRONOLOGY_REEXECUTED"):
        os.environ["CHRONOLOGY_REEXECUTED"] = "1"  # never loop, whatever the environment holds
        os.execv(str(python), [str(python), str(Path(__file__).resolve()), *sys.argv[1:]])
    print(
        f"build.py: error: the packages the chronology needs are not installed for {sys.executable} "
        f"(missing: {', '.join(missing)}); run 'make site' in {here} first, which sets them up in .venv",
        file=sys.stderr,
    )
    sys.exit(2)


if __name__ == "__main__":
    try:
        _run_in_the_project_environment()
        from chronology.cli import leave, main

        code = main()
        # The command is done, and ``main`` has put back Python's own Ctrl+C: one now (a second,
        # pressed as the command ended) would print a traceback over its output. Python runs a
        # handler only at its next check, after this call: by then the signal is ignored.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except KeyboardInterrupt:  # Ctrl+C while Python loads the command, or as the command returns
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        sys.exit(130)
    leave(code)
