"""Where a project keeps its data: the folder of each kind of record, the names a data folder may
hold besides its records, and the finding of every data file (refusing what does not belong).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from chronology.diagnostics import Collector, count

#: The folder of each kind of data file, relative to the project root.
FOLDERS = {"event": "events", "actor": "actors", "place": "places", "seed": "seeds"}
KINDS_BY_FOLDER = {folder: kind for kind, folder in FOLDERS.items()}
#: Source texts may be long reports, but not unbounded.
MAX_SOURCE_BYTES = 5_000_000
#: Files a data folder may hold besides its data: a note, git's placeholder, and what macOS's
#: Finder and Windows's Explorer leave in a folder they showed.
IGNORED_NAMES = {".gitkeep", "README.md", ".DS_Store", "Thumbs.db", "desktop.ini"}
#: How ``fmt`` ends the names of the temporary files it writes beside a data file (``.ID.yaml.XXXX.tmp``).
TEMPORARY_SUFFIX = ".tmp"


def _suffix(name: str) -> str:
    """A file name's suffix, as ``PurePath.suffix`` gives it."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def is_temporary(name: str) -> bool:
    """True for the name of a temporary file ``fmt`` writes beside a data file, e.g. ``.x.yaml.a1b2.tmp``."""
    return name.startswith(".") and ".yaml." in name and name.endswith(TEMPORARY_SUFFIX)


#: What an editor keeps beside the file it edits, for as long as it edits it or after: never data,
#: and never put there by the contributor. ``check``, ``fmt`` and ``serve`` pass them by.
_EDITOR_FILE = re.compile(
    r"""
      .*~                       # a backup (Emacs, Vim with 'backup', nano, gedit)
    | \.\#.*                    # Emacs's lock, a symbolic link, while a buffer has unsaved changes
    | \#.*\#                    # Emacs's auto-save
    | \..*\.sw[a-px]            # Vim's swap file (.swp, then .swo, ...) and its test of the folder (.swx)
    | \..*\.kate-swp            # Kate's swap file
    | .*___jb_(?:tmp|old)___    # a JetBrains editor's copies while it saves
    """,
    re.VERBOSE | re.DOTALL,
)


#: What a name read from the file system holds for each byte that is not UTF-8 (``surrogateescape``).
_UNDECODED = re.compile("[\udc80-\udcff]")


def refuse_undecodable(rel: str, diagnostics: Collector) -> bool:
    """Refuse, in ``diagnostics``, a path whose name is not UTF-8 (a Latin-1 name from an archive):
    it could not be printed, nor be a page's name. Its bytes that are not UTF-8 are shown as ``\\xe9``.
    True when refused."""
    if not _UNDECODED.search(rel):
        return False
    shown = rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    diagnostics.error(
        shown,
        1,
        1,
        "unexpected-file",
        "the file's name is not UTF-8 (each \\xNN shown is a byte that is not), so the file is not read",
        "rename it, using UTF-8",
    )
    return True


def is_editor_file(name: str) -> bool:
    """True for the name of an editor's backup, lock, auto-save or swap file (``_EDITOR_FILE``)."""
    return _EDITOR_FILE.fullmatch(name) is not None


#: Ids no record or tag may take: the site's own page in each folder (``actors/index.md``, ...)
#: has that name. ``tests/test_build_fuzz.py`` checks that every such page's name is listed here.
RESERVED_IDS = frozenset({"index"})


#: The site's list of the records of each kind, in the words of a reserved id's message.
LISTS = {"event": "events", "actor": "actors", "place": "places", "seed": "sources"}


#: The names a data folder may be mistaken for (compared casefolded): each folder, its singular, and
#: "sources" for seeds/.
_NEAR_FOLDERS = {
    **{name: folder for folder in FOLDERS.values() for name in (folder, folder.removesuffix("s"))},
    "sources": FOLDERS["seed"],
    "source": FOLDERS["seed"],
}


def discover(root: Path, diagnostics: Collector, broken: dict[str, set[str]]) -> dict[str, list[str]]:
    """The name of every data file of every kind under ``root``, refusing in ``diagnostics`` what does
    not belong in a data folder; a record's file refused so is added to ``broken`` (by kind: its id),
    as an unreadable one is."""
    found: dict[str, list[str]] = {kind: [] for kind in FOLDERS}
    for kind, folder in FOLDERS.items():
        directory = root / folder
        if directory.is_symlink():
            diagnostics.error(
                folder,
                1,
                1,
                "unexpected-file",
                "symbolic links are not followed",
                f"make {folder}/ a real folder inside the project",
            )
            continue
        if not directory.is_dir():
            if kind == "event":
                diagnostics.error(
                    folder,
                    1,
                    1,
                    "missing-folder",
                    "the project has no events/ folder, so it has no events",
                    f"make {folder}/ beside mkdocs.yml, with a file for each event "
                    "('python build.py new event' writes one)",
                )
            continue
        # scandir knows each entry's type without a system call per file, which counts at 100,000 files.
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
        for entry in entries:
            rel = f"{folder}/{entry.name}"
            suffix = _suffix(entry.name)  # no Path for each of 100,000 files
            if entry.name in IGNORED_NAMES or is_editor_file(entry.name):
                continue
            if refuse_undecodable(rel, diagnostics):
                continue
            if is_temporary(entry.name) and entry.is_file(follow_symlinks=False):
                diagnostics.warning(
                    rel,
                    0,
                    0,
                    "unexpected-file",
                    "a temporary file left by an interrupted 'fmt'; it is not read",
                    "the next 'python build.py fmt' removes it, or delete it",
                )
                continue
            if entry.is_symlink():
                diagnostics.error(
                    rel, 1, 1, "unexpected-file", "symbolic links are not followed", "put the file itself here"
                )
                if suffix == ".yaml":  # a record refused, as an unreadable file is: no reference to it is unknown
                    broken[kind].add(entry.name[: -len(suffix)])
            elif entry.is_dir():
                diagnostics.error(
                    rel,
                    1,
                    1,
                    "unexpected-file",
                    f"folders are not read inside {folder}/",
                    f"put the files directly in {folder}/",
                )
            elif entry.name.startswith("."):  # a hidden copy, not read: the error below says so
                _unexpected(diagnostics, rel, kind, entry.name)
            elif suffix == ".yaml":
                found[kind].append(entry.name)
            elif kind == "seed" and suffix == ".txt":
                continue
            else:
                _unexpected(diagnostics, rel, kind, entry.name)
    misplaced_folders(root, diagnostics)
    seeds = root / FOLDERS["seed"]
    for text_file in sorted(seeds.glob("*.txt")) if seeds.is_dir() and not seeds.is_symlink() else []:
        # A hidden name (an editor's lock, .#ID.txt, or a hidden copy refused above) is no source's text.
        # A name that is not UTF-8 was refused above too.
        name = text_file.name
        if not name.startswith(".") and not _UNDECODED.search(name) and not text_file.with_suffix(".yaml").exists():
            diagnostics.error(
                f"{FOLDERS['seed']}/{name}",
                1,
                1,
                "missing-metadata",
                f"the source '{text_file.stem}' has no metadata file",
                f"add seeds/{text_file.stem}.yaml, e.g. with 'python build.py new source'",
            )
    return found


def _unexpected(diagnostics: Collector, rel: str, kind: str, name: str) -> None:
    """Refuse a file in a data folder that is not one of its data files."""
    expected = "ID.yaml and ID.txt" if kind == "seed" else "ID.yaml"
    diagnostics.error(
        rel,
        1,
        1,
        "unexpected-file",
        f"'{name}' is not a data file, so it would be ignored",
        f"files in {FOLDERS[kind]}/ are named {expected}",
    )


def misplaced_folders(root: Path, diagnostics: Collector) -> None:
    """Refuse a folder named like a data folder but not one ('event/', 'Actors/', 'sources/')
    that holds data files: they would be left out without a word."""
    with os.scandir(root) as scan:
        entries = sorted(scan, key=lambda entry: entry.name)
    for entry in entries:
        folder = _NEAR_FOLDERS.get(entry.name.casefold())
        if folder is None or entry.name == folder or not entry.is_dir(follow_symlinks=False):
            continue
        own = root / folder
        if own.exists() and os.path.samefile(entry.path, own):
            continue  # the data folder itself, on a file system that ignores case
        with os.scandir(entry.path) as inside:
            files = sum(1 for item in inside if _suffix(item.name) == ".yaml")
        if files:
            diagnostics.error(
                entry.name,
                1,
                1,
                "unexpected-file",
                f"{entry.name}/ is not a data folder, so its {count(files, 'data file')} "
                f"{'is' if files == 1 else 'are'} not read",
                f"move {'it' if files == 1 else 'them'} into {folder}/ (the data folders are events/, "
                "actors/, places/ and seeds/)",
            )


def record_path(kind: str, stem: str) -> str:
    """The path of a record's data file relative to the project root, e.g. ``events/x.yaml``; ``stem``
    is the file's name without ``.yaml`` (the record's id, in a valid file)."""
    return f"{FOLDERS[kind]}/{stem}.yaml"


def record_of(rel: str) -> tuple[str, str]:
    """The kind and stem of the data file at ``rel`` (``record_path`` undone)."""
    folder, _, name = rel.partition("/")
    return KINDS_BY_FOLDER[folder], name.removesuffix(".yaml")
