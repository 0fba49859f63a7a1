"""Site: build the site with MkDocs into ``site/``, all or nothing, the same bytes every time.

MkDocs builds into a fresh folder beside ``site/``; only a build that succeeds replaces ``site/``,
so a failed build leaves the previous site exactly as it was. Builds are reproducible: MkDocs
dates its sitemap from ``SOURCE_DATE_EPOCH``, which is set from the last commit when the caller
has not set it, so two builds of one commit are byte-identical.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException, PluginError

CONFIG = "mkdocs.yml"
SITE = "site"


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the time (it may be replaced, e.g. by a test)."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


def _setup_logging() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


def source_date_epoch(root: Path) -> str:
    """The build's timestamp: ``SOURCE_DATE_EPOCH`` if set, else the last commit's time, else 0."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return "0"
    value = out.stdout.strip()
    return value if out.returncode == 0 and value.isascii() and value.isdigit() else "0"


def build_site(root: Path, strict: bool = False, site_dir: Path | None = None) -> int:
    """Check the chronology and build the site; the exit code (0 built, 1 failed, 2 bad configuration)."""
    _setup_logging()
    root = root.resolve()
    config_file = root / CONFIG
    target = (site_dir or root / SITE).resolve()
    if not config_file.is_file():
        print(f"build.py: error: no {CONFIG} in {root}", file=sys.stderr)
        return 2
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(root)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=target.parent))
    try:
        config = load_config(str(config_file), site_dir=str(staging), strict=strict)
    except (ConfigurationError, Abort) as exc:
        # MkDocs has already logged each configuration problem; this names the outcome.
        shutil.rmtree(staging, ignore_errors=True)
        print(f"build.py: {CONFIG} is not valid: {exc}", file=sys.stderr)
        return 2
    try:
        build(config)
    except (PluginError, Abort, MkDocsException) as exc:
        # MkDocs has logged the cause (every diagnostic, for a chronology that fails its check).
        shutil.rmtree(staging, ignore_errors=True)
        detail = "" if str(exc).startswith("Aborted with") else f": {exc}"
        print(f"build.py: the site was not built{detail}; {target.name}/ was left as it was", file=sys.stderr)
        return 1
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _replace(staging, target)
    print(f"built the site into {target}", file=sys.stderr)
    return 0


def _replace(new: Path, target: Path) -> None:
    """Put the new build in place of the old with two renames, so ``site/`` is never half-written."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old-{os.getpid()}")
        target.rename(old)
    new.rename(target)
    new_mode = 0o755
    target.chmod(new_mode)  # mkdtemp makes the folder private; a site is for reading
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def serve_site(root: Path, dev_addr: str) -> int:
    """Serve the site, rebuilding whenever the data, the templates or the docs change."""
    from mkdocs.commands.serve import serve

    _setup_logging()
    config_file = root.resolve() / CONFIG
    if not config_file.is_file():
        print(f"build.py: error: no {CONFIG} in {root}", file=sys.stderr)
        return 2
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(root)
    try:
        serve(str(config_file), dev_addr=dev_addr, livereload=True)
    except (MkDocsException, OSError) as exc:
        print(f"build.py: cannot serve: {exc}", file=sys.stderr)
        return 1
    return 0
