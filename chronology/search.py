"""Search: a MkDocs plugin that indexes the finished site with Pagefind.

Pagefind reads the built HTML and writes a static, chunked index into ``pagefind/`` inside the site,
so a reader's browser fetches only the few chunks a query needs. What is indexed, and with which
filters, sort keys and metadata, is said by ``data-pagefind-*`` attributes in the templates; this
module only runs Pagefind on the site MkDocs has just written, as the build's last step.

Pagefind writes each filter's values in hash-map order, which changes from run to run; so that two
builds of one commit stay byte-identical, ``canonical_filters`` rewrites the filter chunks in sorted
order (same content, so the same search) and renames them, and the index's metadata, by their
content.

The build stays all or nothing: a Pagefind failure (missing binary, an error, no page indexed) is a
``PluginError`` naming what went wrong, and ``site.py`` then keeps the previous site.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import re
import subprocess
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

log = logging.getLogger("mkdocs.plugins.chronology.search")

#: The folder, inside the site, that holds the index and Pagefind's scripts.
BUNDLE = "pagefind"


class SearchConfig(Config):
    """The plugin's settings in ``mkdocs.yml``."""

    #: The language every page is indexed as (an ISO 639-1 code), so that one index serves the whole
    #: site whatever language a quoted passage is in; empty: Pagefind reads each page's ``lang``.
    language = config_options.Type(str, default="en")
    #: How long Pagefind may take, in seconds, before the build is failed.
    timeout = config_options.Type(int, default=600)


class PagefindPlugin(BasePlugin[SearchConfig]):
    """Runs Pagefind on the built site (``on_post_build``), failing the build if it fails."""

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Index ``site_dir`` into ``site_dir/pagefind``."""
        index_site(Path(config.site_dir), self.config.language, self.config.timeout)


def pagefind_binary() -> Path:
    """The Pagefind executable shipped in the ``pagefind[bin]`` wheel (or named by ``PAGEFIND_BINARY_PATH``)."""
    from pagefind.service import get_executable

    binary = get_executable()
    if binary is None or not binary.is_file():
        raise PluginError(
            "search: the Pagefind binary was not found; install the project's dependencies "
            "(pip install -e .), which include pagefind[bin]"
        )
    return binary


_INDEXED = re.compile(r"Indexed ([0-9]+) page")


def index_site(site: Path, language: str = "en", timeout: int = 600) -> int:
    """Run Pagefind over ``site``; the number of pages indexed. Raises ``PluginError`` on any failure."""
    command = [str(pagefind_binary()), "--site", str(site), "--output-subdir", BUNDLE]
    if language:
        command += ["--force-language", language]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise PluginError(f"search: Pagefind did not finish within {timeout} s; the site was not indexed") from None
    except OSError as exc:
        raise PluginError(f"search: Pagefind could not be run: {exc}") from None
    output = done.stdout + done.stderr
    if done.returncode != 0:
        raise PluginError(f"search: Pagefind failed (exit {done.returncode}):\n{_problems(output)}")
    found = _INDEXED.search(output)
    pages = int(found.group(1)) if found else 0
    if pages == 0:
        raise PluginError("search: Pagefind indexed no page; the templates must mark content with data-pagefind-body")
    try:
        canonical_filters(site / BUNDLE)
    except (OSError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise PluginError(f"search: Pagefind's index is not in the form this version expects: {exc}") from None
    log.info("search: Pagefind indexed %s", f"{pages} page{'s' if pages != 1 else ''}")
    return pages


#: What begins every decompressed Pagefind data file; CBOR follows.
_MAGIC = b"pagefind_dcd"


def _read(path: Path) -> Any:
    import cbor2

    data = gzip.decompress(path.read_bytes())
    if not data.startswith(_MAGIC):
        raise ValueError(f"{path.name} does not begin with {_MAGIC!r}")
    return cbor2.loads(data[len(_MAGIC) :])


def _write(folder: Path, prefix: str, suffix: tuple[str, str], length: int, value: Any) -> str:
    """Write ``value`` as Pagefind does, named by its content; the name's hash part (``en_1a2b3c4``)."""
    import cbor2

    data = _MAGIC + cbor2.dumps(value)
    name = f"{prefix}{hashlib.sha256(data).hexdigest()[:length]}"
    (folder / f"{suffix[0]}{name}{suffix[1]}").write_bytes(gzip.compress(data, mtime=0))
    return name


def canonical_filters(bundle: Path) -> None:
    """Sort the values of every filter chunk and the filter list, renaming what changes by its content.

    The index's metadata (``pagefind.<hash>.pf_meta``) is a CBOR list whose fourth item lists the
    filters as ``[name, chunk]``; each chunk (``filter/<chunk>.pf_filter``) is ``[name, [[value,
    [page, ...]], ...]]``. Only order changes here, which Pagefind's search does not depend on.
    """
    entry_file = bundle / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text("utf-8"))
    for language, info in entry["languages"].items():
        meta_file = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_file)
        filters = []
        for name, chunk in meta[3]:
            chunk_file = bundle / "filter" / f"{chunk}.pf_filter"
            content = _read(chunk_file)
            content[1] = sorted(content[1], key=lambda value: str(value[0]))
            chunk_file.unlink()
            filters.append([name, _write(bundle / "filter", f"{language}_", ("", ".pf_filter"), 7, content)])
        meta[3] = sorted(filters)
        meta_file.unlink()
        info["hash"] = _write(bundle, f"{language}_", ("pagefind.", ".pf_meta"), 10, meta)
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")


def _problems(output: str) -> str:
    """Pagefind's own error lines, or the end of its output when it names none."""
    lines = [line for line in output.splitlines() if line.strip()]
    errors = [line for line in lines if "error" in line.casefold()]
    return "\n".join(errors or lines[-10:]) or "(no output)"
