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
# An in-memory SQLite database lives in one process; a thread lock per lock name covers it.
_memory_locks: dict[int, threading.Lock] = {}


def engine_of(bind: Engine | sessionmaker) -> Engine:
    return bind if isinstance(bind, Engine) else bind.kw["bind"]


@contextlib.contextmanager
def publish_lock(bind: Engine | sessionmaker, wait: bool) -> Iterator[bool]:
    """Yields True while this process holds the repository's publish lock. ``wait=False``
    yields False at once if another process holds it; ``wait=True`` waits for it."""
    with named_lock(bind, PUBLISH_LOCK_KEY, LOCK_FILE_SUFFIX, wait) as held:
        yield held


@contextlib.contextmanager
def named_lock(bind: Engine | sessionmaker, key: int, file_suffix: str, wait: bool) -> Iterator[bool]:
    """One lock among every server process sharing the database, as the module says: an
    advisory lock numbered ``key`` on PostgreSQL, a flock on the database's name + ``file_suffix``
    on SQLite. Other jobs (server/alerts.py) take one of their own beside the publish lock."""
    engine = engine_of(bind)
    if engine.dialect.name == "postgresql":
        with _advisory_lock(engine, key, wait) as held:
            yield held
    elif engine.dialect.name == "sqlite":
        with _sqlite_lock(engine, key, file_suffix, wait) as held:
            yield held
    else:
        raise ValueError(f"the server's locks support PostgreSQL and SQLite, not {engine.dialect.name}")


@contextlib.contextmanager
def _advisory_lock(engine: Engine, key: int, wait: bool) -> Iterator[bool]:
    with engine.connect() as connection:
        if wait:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": key})
            held = True
        else:
            held = bool(connection.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": key}))
        connection.commit()  # the lock belongs to the session: end the transaction, keep the lock
        try:
            yield held
        finally:
            if held:
                try:
                    connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                    connection.commit()
                except Exception:
                    # Never hand a connection that may still hold the lock back to the pool:
                    # closing it makes PostgreSQL release the lock.
                    connection.invalidate()
                    raise


@contextlib.contextmanager
def _sqlite_lock(engine: Engine, key: int, file_suffix: str, wait: bool) -> Iterator[bool]:
    database = engine.url.database
    if not database or database == ":memory:":
        memory_lock = _memory_locks.setdefault(key, threading.Lock())
        held = memory_lock.acquire(blocking=wait)
        try:
            yield held
        finally:
            if held:
                memory_lock.release()
        return
    path = Path(database).resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + file_suffix), "a+b") as handle:
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


# Jobs that run every so often in a thread of their own ----------------------------------------
class PeriodicJob:
    """``run_once`` every ``every``, in a thread of its own (never on the event loop), once at
    ``start`` too; a failure is logged and tried again next time, never the end of the job."""

    name = "periodic job"  # for the thread and the log
    round_name = "periodic round"  # what one run_once is called in the log

    def __init__(self, every: dt.timedelta):
        if every <= dt.timedelta(0):
            raise ValueError(f"the {self.name}'s interval must be above zero, not {every}")
        self.every = every
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def run_once(self):
        raise NotImplementedError

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError(f"the {self.name} is already running")
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name=self.name.replace(" ", "-"), daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> bool:
        """Ask the thread to stop and wait up to ``timeout`` for a running round to end; True
        if it stopped."""
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is None:
            return True
        thread.join(timeout)
        if thread.is_alive():
            log.warning("%s still busy after %.0f s; leaving it to end with the process", self.name, timeout)
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
                # A database or disk hiccup must not end the job for the life of the process.
                log.exception("%s failed; trying again in %s", self.round_name, self.every)
            self._stop.wait(self.every.total_seconds())


# The periodic re-signing ------------------------------------------------------------------------
RefreshJob = Callable[[dt.datetime], int]  # now (naive UTC) -> how many indexes it re-signed


class IndexRefresher(PeriodicJob):
    """Every ``every`` runs ``job`` if this process gets the publish lock without waiting;
    otherwise another process is on it (or an admin is publishing) and this one tries again
    next time. It runs once at ``start`` too, so a server that was down past an expiry
    re-signs at once."""

    name = "index refresher"
    round_name = "index refresh"

    def __init__(self, bind: Engine | sessionmaker, job: RefreshJob, every: dt.timedelta, clock: Clock = utc_now):
        super().__init__(every)
        self.bind = bind
        self.job = job
        self.clock = clock

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
