"""pykakasi's kanji dictionary, opened entry by entry instead of all at once.

pykakasi reads its kanji-to-kana dictionary (kanwadict4.db, a 9.7 MB pickle) in one go the first
time Japanese is converted (kiosk/speech/kana.py), at every start during the voice's warm-up. The
unpickling is C code that holds Python's interpreter lock for 40-70 ms between reads of the file,
so the GUI thread froze that long while the kiosk started, and the table held 120 MB of memory.

Here each of its entries (one per leading kanji) is kept pickled on its own, in a file beside the
speech cache made once from pykakasi's: opening it is quick, an entry is unpickled when a text
first needs it, and memory holds the pickled bytes plus the entries used. pykakasi then finds its
table already there (its Kanwa class shares one table between instances) and never reads its own.
A pykakasi without that class, or without the file, is left to load the way it always did.
"""

from __future__ import annotations

import logging
import pickle
import threading
from pathlib import Path
from typing import Any

from kiosk.files import atomic_write_bytes

log = logging.getLogger(__name__)

TABLE_PREFIX = "kanji-table-"


class LazyKanjiTable:
    """What pykakasi asks of its table (``get``), each entry unpickled the first time it is asked for."""

    def __init__(self, pickled: dict[int, bytes]):
        self._pickled = pickled
        self._opened: dict[int, Any] = {}
        self._lock = threading.Lock()

    def get(self, key: int, default: Any = None) -> Any:
        entry = self._opened.get(key)
        if entry is not None:
            return entry
        blob = self._pickled.get(key)
        if blob is None:
            return default
        with self._lock:
            entry = self._opened.setdefault(key, pickle.loads(blob))
        return entry

    def __len__(self) -> int:
        return len(self._pickled)


def _pykakasi_state() -> tuple[dict[str, Any], Path] | None:
    """pykakasi's shared table state and its dictionary file, or None (not installed, or another layout)."""
    try:
        from pykakasi.kanji import Kanwa
        from pykakasi.properties import Configurations
    except ImportError:
        return None
    state = getattr(Kanwa, "_shared_state", None)
    if not isinstance(state, dict) or "_jisyo_table" not in state or "_lock" not in state:
        return None
    return state, Path(Configurations.dictpath(Configurations.jisyo_kanwa))


def table_path(cache_dir: Path, source: Path) -> Path:
    """One file per copy of pykakasi's dictionary: a new pykakasi makes a new one."""
    stat = source.stat()
    return cache_dir / f"{TABLE_PREFIX}{stat.st_size}-{stat.st_mtime_ns}.pickle"


def build_table(source: Path, target: Path) -> dict[int, bytes]:
    """Split pykakasi's dictionary into one pickled entry per key. Read with Python's own
    unpickler (about a second, once): it lets other threads run, where the C one would not."""
    with source.open("rb") as file:
        table = pickle._Unpickler(file).load()  # noqa: SLF001 (the pure-Python unpickler, on purpose)
    pickled = {key: pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL) for key, entry in table.items()}
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(target, pickle.dumps(pickled, protocol=pickle.HIGHEST_PROTOCOL))
    for old in target.parent.glob(f"{TABLE_PREFIX}*.pickle"):
        if old != target:
            old.unlink(missing_ok=True)
    return pickled


def install(cache_dir: Path) -> bool:
    """Give pykakasi the lazy table (blocking: on a worker). True when pykakasi will use it."""
    found = _pykakasi_state()
    if found is None:
        return False
    state, source = found
    if state["_jisyo_table"] is not None:
        return isinstance(state["_jisyo_table"], LazyKanjiTable)
    try:
        target = table_path(cache_dir, source)
        try:
            pickled = pickle.loads(target.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, ValueError):
            pickled = build_table(source, target)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError) as error:
        log.warning("pykakasi's kanji dictionary loads the slow way: %s", error)
        return False
    with state["_lock"]:
        if state["_jisyo_table"] is None:
            state["_jisyo_table"] = LazyKanjiTable(pickled)
    return isinstance(state["_jisyo_table"], LazyKanjiTable)
