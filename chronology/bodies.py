"""Bodies: the generated pages' bodies kept on disk between their rendering and their writing.

MkDocs reads every page before it writes any, so a site of 10,000 events would otherwise hold
every page body (hundreds of megabytes, gigabytes at 100,000) in memory until the end. Each
process that renders pages (the forked workers, or the build's own) appends the bodies it renders
to a file of its own in a folder inside the site being built, and keeps only where each lies; the
body is read back just before its page is written. The folder goes before the site is finished,
and a failed or killed build's goes with the rest of its unfinished site.
"""

from __future__ import annotations

import dataclasses
import errno
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from chronology.pages import Page

#: The folder, inside the site being built, that holds the bodies while it is built.
FOLDER = ".chronology-bodies"


@dataclass(frozen=True)
class SpooledPage(Page):
    """A page whose body waits in a file (its ``body`` is empty): which file, where, how long."""

    spool: str = ""
    offset: int = 0
    length: int = 0


class Spool:
    """Bodies written out by whichever process rendered them, read back by the one that writes the site."""

    def __init__(self, site_dir: Path) -> None:
        self.folder = site_dir / FOLDER
        self.folder.mkdir(parents=True, exist_ok=True)
        self._writer: IO[bytes] | None = None
        self._writer_pid = 0
        self._readers: dict[str, int] = {}

    def keep(self, page: Page) -> Page:
        """Write ``page``'s body out; the page with only where its body lies."""
        if self._writer is None or self._writer_pid != os.getpid():  # a forked worker's own file
            # Not .html: nothing that indexes or checks the site's pages may take them for pages.
            self._writer = (self.folder / f"{os.getpid()}.body").open("ab", buffering=0)
            self._writer_pid = os.getpid()
        data = page.body.encode("utf-8")
        offset = self._writer.seek(0, os.SEEK_END)
        if self._writer.write(data) != len(data):  # a file system that takes only part: full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), self._writer.name)
        fields = {f.name: getattr(page, f.name) for f in dataclasses.fields(Page)}
        fields["body"] = ""
        return SpooledPage(**fields, spool=self._writer.name, offset=offset, length=len(data))

    def body(self, page: Page) -> str:
        """A page's body, read back if it was written out."""
        if not isinstance(page, SpooledPage):
            return page.body
        reader = self._readers.get(page.spool)
        if reader is None:
            reader = self._readers[page.spool] = os.open(page.spool, os.O_RDONLY)
        return os.pread(reader, page.length, page.offset).decode("utf-8")

    def close(self) -> None:
        """Remove the folder and every body in it."""
        for reader in self._readers.values():
            os.close(reader)
        self._readers = {}
        if self._writer is not None and self._writer_pid == os.getpid():
            self._writer.close()
        self._writer = None
        shutil.rmtree(self.folder, ignore_errors=True)
