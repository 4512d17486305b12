"""One server process at a time re-signs or publishes the repository, however many serve it.

``publish_lock`` is that one lock, taken in the database every server process shares:

* PostgreSQL (several workers or hosts): a session-level advisory lock on a connection of its
  own. PostgreSQL drops it when that connection ends, so a crashed holder never leaves the
  repository locked. Session-level, not transaction-level, so the connection does not sit
  "idle in transaction" while a long publish copies media.
* SQLite (one host only: SQLite on a network share is unsupported): an exclusive ``flock`` on a
  file beside the database. A write transaction on a lock row would be the obvious in-database
  equivalent, but SQLite has one writer for the whole file: every kiosk upload would wait
  behind a publish and fail after the busy timeout. The kernel releases a flock when its holder
  dies, like PostgreSQL does, and every process that can open the database can see the file.

``IndexRefresher`` runs the re-signing job in a thread of each server process, under the lock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.orm import sessionmaker

from kiosk.clock import Clock, utc_now

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt

log = logging.getLogger("server.leader")

# The advisory lock's key: any constant that no other application on the same PostgreSQL
# database uses ("KIOSKPUB" in ASCII).
PUBLISH_LOCK_KEY = 0x4B494F534B505542
LOCK_FILE_SUFFIX = ".publish-lock"
# An in-memory SQLite database lives in one process; a thread lock covers it.
_memory_lock = threading.Lock()


def engine_of(bind: Engine | sessionmaker) -> Engine:
    return bind if isinstance(bind, Engine) else bind.kw["bind"]


@contextlib.contextmanager
def publish_lock(bind: Engine | sessionmaker, wait: bool) -> Iterator[bool]:
    """Yields True while this process holds the repository's publish lock. ``wait=False``
    yields False at once if another process holds it; ``wait=True`` waits for it."""
    engine = engine_of(bind)
    if engine.dialect.name == "postgresql":
        with _advisory_lock(engine, wait) as held:
            yield held
    elif engine.dialect.name == "sqlite":
        with _sqlite_lock(engine, wait) as held:
            yield held
    else:
        raise ValueError(f"the publish lock supports PostgreSQL and SQLite, not {engine.dialect.name}")


@contextlib.contextmanager
def _advisory_lock(engine: Engine, wait: bool) -> Iterator[bool]:
    with engine.connect() as connection:
        if wait:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": PUBLISH_LOCK_KEY})
            held = True
        else:
            held = bool(connection.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": PUBLISH_LOCK_KEY}))
        connection.commit()  # the lock belongs to the session: end the transaction, keep the lock
        try:
            yield held
        finally:
            if held:
                try:
                    connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": PUBLISH_LOCK_KEY})
                    connection.commit()
                except Exception:
                    # Never hand a connection that may still hold the lock back to the pool:
                    # closing it makes PostgreSQL release the lock.
                    connection.invalidate()
                    raise


@contextlib.contextmanager
def _sqlite_lock(engine: Engine, wait: bool) -> Iterator[bool]:
    database = engine.url.database
    if not database or database == ":memory:":
        held = _memory_lock.acquire(blocking=wait)
        try:
            yield held
        finally:
            if held:
                _memory_lock.release()
        return
    path = Path(database).resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + LOCK_FILE_SUFFIX), "a+b") as handle:
        held = _lock_file(handle, wait)
        try:
            yield held
        finally:
            if held:
                _unlock_file(handle)


def _lock_file(handle, wait: bool) -> bool:
    if fcntl is not None:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False
    while True:  # Windows: msvcrt has no blocking lock without a 10 s limit, so poll
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            if not wait:
                return False
            threading.Event().wait(0.2)


def _unlock_file(handle) -> None:
    if fcntl is not None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    else:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)


# The periodic re-signing ------------------------------------------------------------------------
RefreshJob = Callable[[dt.datetime], int]  # now (naive UTC) -> how many indexes it re-signed


class IndexRefresher:
    """Every ``every``, in a thread of its own (never on the event loop), runs ``job`` if this
    process gets the publish lock without waiting; otherwise another process is on it (or an
    admin is publishing) and this one tries again next time. It runs once at ``start`` too,
    so a server that was down past an expiry re-signs at once."""

    def __init__(self, bind: Engine | sessionmaker, job: RefreshJob, every: dt.timedelta, clock: Clock = utc_now):
        if every <= dt.timedelta(0):
            raise ValueError(f"the refresh interval must be above zero, not {every}")
        self.bind = bind
        self.job = job
        self.every = every
        self.clock = clock
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def run_once(self) -> int | None:
        """How many indexes the job re-signed, or None if another process held the lock."""
        pid = os.getpid()
        with publish_lock(self.bind, wait=False) as held:
            if not held:
                log.debug("index refresh skipped: another server process holds the publish lock (pid %d)", pid)
                return None
            # Both lines are written while the lock is held: in a log shared by several
            # processes, a run's "started" and "finished" are never split by another run.
            # A run that re-signed nothing (the usual case) is news only at debug level.
            log.debug("index refresh started (pid %d)", pid)
            count = self.job(self.clock())
            log.log(logging.INFO if count else logging.DEBUG,
                    "index refresh finished (pid %d): %d index(es) re-signed", pid, count)
            return count

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("the index refresher is already running")
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="index-refresher", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> bool:
        """Ask the thread to stop and wait up to ``timeout`` for a running job to end; True
        if it stopped."""
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is None:
            return True
        thread.join(timeout)
        if thread.is_alive():
            log.warning("index refresher still busy after %.0f s; leaving it to end with the process", timeout)
            return False
        return True

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.run_once()
            except Exception:
                # A database or disk hiccup must not end re-signing for the life of the process.
                log.exception("index refresh failed; trying again in %s", self.every)
            self._stop.wait(self.every.total_seconds())
