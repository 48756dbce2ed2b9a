"""The state of a run's output folder: who writes it, and what it holds.

* A lock: one run at a time writes a folder. ``.claimgraph.lock`` is locked with
  the OS's own lock (``flock``), which ends with its process, so a run killed
  with ``kill -9`` leaves no lock behind; the file names the holder (pid, host,
  start) for the line that refuses a second run.
* A status: ``run.json`` is written first (``"status": "running"``) and last
  (``"complete"``), and a new run removes the old ``graph.jsonld`` before it
  writes a record, so no reader takes a half-done folder for a finished one.
* An identity: the resolved config's hash and the inputs (a set: their order
  does not matter), so ``--resume`` never mixes two configs or two input sets.
* One layout: a run removes the other layout's files from its folder.
"""
from __future__ import annotations

import datetime as dt
import fnmatch
import hashlib
import json
import os
import socket
import sys
from pathlib import Path

from ..document_ids import DOCUMENT_PREFIX, is_document_iri
from .locations import is_url, known_suffix
from .writers import DOCS, ERRORS, GRAPH, MANIFEST, write_manifest

LOCK = ".claimgraph.lock"
_HELD: set[int] = set()  # lock file descriptors this process holds



def _drop_locks_in_child() -> None:
    """A forked worker must not keep its run's lock alive (after a kill -9 of the run)."""
    for fd in list(_HELD):
        os.close(fd)
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_drop_locks_in_child)


class RunError(RuntimeError):
    """A run that cannot start (e.g. the output folder cannot be written): one line."""


def _note(message: str) -> None:
    print(f"claimgraph: note: {message}", file=sys.stderr)


# -- the lock -------------------------------------------------------------------
def _try_lock(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


class OutputLock:
    """The exclusive lock on an output folder (``with OutputLock(outdir): ...``)."""

    def __init__(self, outdir: Path):
        self.path = Path(outdir) / LOCK
        self.fd: int | None = None

    def __enter__(self) -> "OutputLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()

    def acquire(self) -> "OutputLock":
        """Take the lock, or a RunError naming the run that holds it."""
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            if not _try_lock(fd):
                holder = self._holder(fd)
                os.close(fd)
                raise RunError(f"{self.path.parent}: another claimgraph run is writing this folder ({holder}); "
                               "wait for it to end, or write to another -o folder")
            try:  # a run that just ended removes its lock file: lock the file that is there now
                if os.stat(self.path).st_ino == os.fstat(fd).st_ino:
                    break
            except FileNotFoundError:
                pass
            os.close(fd)
        info = {"pid": os.getpid(), "host": socket.gethostname(),
                "started": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps(info).encode("utf-8"))
        self.fd = fd
        _HELD.add(fd)
        return self

    @staticmethod
    def _holder(fd: int) -> str:
        try:
            info = json.loads(os.pread(fd, 4096, 0) or b"{}")
            return f"pid {info['pid']} on {info['host']}, since {info['started']}"
        except (OSError, ValueError, KeyError, TypeError):
            return "its pid not yet written"

    def release(self) -> None:
        if self.fd is None:
            return
        try:
            self.path.unlink()
        except OSError:
            pass
        _HELD.discard(self.fd)
        os.close(self.fd)
        self.fd = None


# -- what a run is: its config and inputs ------------------------------------------
def _without_budget(config: dict) -> dict:
    # the budget decides which documents may fail, not what a finished one holds
    return {k: v for k, v in config.items() if k != "budget"}


def config_hash(nlp) -> str:
    """sha256 of the resolved config and of each language route's config."""
    from ..config import dump_resolved, load_config

    routes = {code: _without_budget(dump_resolved(load_config(path)[0]))
              for code, path in sorted(getattr(nlp, "routes", {}).items())}
    text = json.dumps({"config": _without_budget(nlp.config), "routes": routes}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def input_key(item) -> str:
    return str(item) if is_url(item) else str(Path(item).resolve())


def run_identity(nlp, inputs: list, reader_options) -> dict:
    """What run.json records to tell this run from another: config hash, inputs (sorted)
    and the reader options."""
    return {"config_hash": config_hash(nlp), "config_path": str(nlp.config_path) if nlp.config_path else None,
            "inputs": sorted({input_key(i) for i in inputs}),
            "reader_options": reader_options.model_dump(mode="json") if reader_options is not None else None}


def _listed(values: list[str]) -> str:
    return ", ".join(values[:2]) + (f" and {len(values) - 2} more" if len(values) > 2 else "")


def resume_problem(old: dict, new: dict) -> str | None:
    """Why the run recorded in ``old`` (run.json) cannot be resumed as ``new``; None if it can."""
    problems = []
    if old.get("config_hash") != new["config_hash"]:
        before, now = old.get("config_path") or "a config given as a dict", new["config_path"] or "a dict"
        problems.append(f"another config ({before}{' has changed since' if before == now else f'; now {now}'})")
    gone = sorted(set(old.get("inputs", [])) - set(new["inputs"]))
    added = sorted(set(new["inputs"]) - set(old.get("inputs", [])))
    if gone or added:
        problems.append("other inputs (" + "; ".join(
            [f"not given now: {_listed(gone)}"] * bool(gone) + [f"new: {_listed(added)}"] * bool(added)) + ")")
    ro_old, ro_new = old.get("reader_options"), new["reader_options"]
    if ro_old is not None and ro_new is not None and ro_old != ro_new:
        keys = sorted(k for k in set(ro_old) | set(ro_new) if ro_old.get(k) != ro_new.get(k))
        problems.append(f"other reader options ({', '.join(keys)})")
    return " and ".join(problems) if problems else None


def read_manifest(outdir: Path) -> dict | None:
    try:
        data = json.loads((Path(outdir) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _first_document_id(path: Path, rows: int = 1000):
    """The first document id among a JSON Lines file's first ``rows`` rows (a read error
    has none), or None."""
    import gzip

    try:
        with (gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else
              open(path, encoding="utf-8")) as fh:
            for _, line in zip(range(rows), fh):
                try:
                    row = json.loads(line)
                except ValueError:
                    continue
                if isinstance(row, dict) and row.get("id"):
                    return row["id"]
    except (OSError, EOFError, UnicodeDecodeError):
        return None
    return None


def bare_id_file(outdir: Path) -> Path | None:
    """A file of the folder written by an earlier version, whose document ids lack the
    ``doc:`` prefix every output file gives them now; None if there is none. Resuming
    such a run would leave two forms of id in one file."""
    outdir = Path(outdir)
    parts = sorted((outdir / "documents").glob("part-*.jsonl.gz"))[:1] if (outdir / "documents").is_dir() else []
    for path in [outdir / DOCS, outdir / ERRORS, *parts]:
        doc_id = _first_document_id(path) if path.is_file() else None
        if doc_id is not None and not is_document_iri(doc_id):
            return path
    return None


def may_resume(outdir: Path, identity: dict, force: bool) -> bool:
    """Whether ``--resume`` goes on with this folder's run: True when it is the same
    run (or there is nothing to compare), False with ``force`` when it is another
    (start over); else a RunError in one line."""
    bare = bare_id_file(outdir)
    if bare is not None:
        why = (f"{bare} was written by an earlier claimgraph, whose document ids lack the "
               f"{DOCUMENT_PREFIX} prefix they have now")
        if force:
            _note(f"{outdir}: --force: {why}; starting over")
            return False
        raise RunError(f"{outdir}: --resume: {why}; run without --resume, or add --force, to start over")
    old = read_manifest(outdir)
    if old is None:
        return True
    if "config_hash" not in old:
        _note(f"{outdir / MANIFEST} records no config hash (an earlier version wrote it): "
              "the config and inputs are not checked")
        return True
    problem = resume_problem(old, identity)
    if problem is None:
        return True
    if force:
        _note(f"{outdir}: --force: the folder holds a run of {problem}; starting over")
        return False
    raise RunError(f"{outdir}: --resume: the folder holds a run of {problem}; "
                   "run with the same config and inputs, or add --force to start over")


def mark_running(outdir: Path, manifest: dict) -> None:
    """The first write of a run: run.json says "running", the old graph is gone."""
    for name in (GRAPH, GRAPH + ".tmp"):
        (Path(outdir) / name).unlink(missing_ok=True)
    write_manifest(outdir, {"status": "running", **manifest})


def clear_other_layout(outdir: Path, layout: str) -> None:
    """A run in a folder that holds the other layout's output removes those files (ours
    only, named by the layouts), so no reader finds an old run beside the new one."""
    from .part_files import PART_FOLDERS, clear_parts

    removed = []
    if layout == "partitioned":
        for name in ("graph.jsonld", "documents.jsonl"):
            if (outdir / name).is_file():
                (outdir / name).unlink()
                removed.append(name)
    else:
        removed = clear_parts(outdir)
        for folder in (outdir / d for d in PART_FOLDERS):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
    if removed:
        print(f"claimgraph: note: {outdir} held the other layout's output; removed {len(removed)} file(s) "
              f"({', '.join(removed[:3])}{', ...' if len(removed) > 3 else ''})", file=sys.stderr)


# -- inputs listed once -------------------------------------------------------------
def _glob_match(parts: tuple[str, ...], pattern: list[str]) -> bool:
    """``Path.glob``'s matching of a relative path (``**``: any number of folders)."""
    if not pattern:
        return not parts
    if pattern[0] == "**":
        return any(_glob_match(parts[k:], pattern[1:]) for k in range(len(parts) + 1))
    return bool(parts) and fnmatch.fnmatchcase(parts[0], pattern[0]) and _glob_match(parts[1:], pattern[1:])


def _covered(path: Path, folder: Path, glob: str) -> bool:
    """Does reading ``folder`` (with ``glob``) read ``path`` (a file or a folder) too?"""
    try:
        rel = path.relative_to(folder).parts
    except ValueError:
        return False
    if not rel:
        return False
    if path.is_dir():  # every file the inner folder lists, the outer one lists under a longer path
        return glob.startswith("**/")
    return bool(known_suffix(path)) and _glob_match(rel, glob.split("/"))


def unique_inputs(inputs: list, glob: str = "**/*") -> tuple[list, list[str]]:
    """The inputs, each read once: a repeat (by resolved path) and a file or folder
    that a listed folder reads anyway are left out. Returns (kept, why each left one)."""
    folders = [Path(i).resolve() for i in inputs if not is_url(i) and Path(i).is_dir()]
    kept, dropped, seen = [], [], set()
    for item in inputs:
        key = input_key(item)
        if key in seen:
            dropped.append(f"{item} (listed twice)")
            continue
        if not is_url(item):
            outer = next((f for f in folders if _covered(Path(key), f, glob)), None)
            if outer is not None:
                dropped.append(f"{item} (inside {outer})")
                continue
        seen.add(key)
        kept.append(item)
    return kept, dropped
