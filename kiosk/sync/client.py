"""One sync run: content down (index -> catalog -> missing objects -> one transaction), then
heartbeat and outbox up. Every failure leaves the current content and the queue as they were.

With a token, a run first asks the server who this kiosk is (protocol.onboarding Assignment):
a kiosk moved to another center on the admin page syncs that center's view from then on, and
a kiosk the server refuses (revoked, or a token it does not know) fetches and sends nothing
and says why (SyncStatus.REVOKED / NOT_AUTHORISED)."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import requests
from sqlalchemy.orm import Session, sessionmaker

from db.models import ContentRevision, SyncState
from kiosk.clock import Clock, as_naive_utc, utc_now
from kiosk.content.loader import ContentError
from kiosk.files import atomic_write_bytes
from kiosk.settings import SYNC_CENTER_PATTERN
from kiosk.sync import apply, gc, outbox
from kiosk.sync.fetch import DiskFull, FetchError, ObjectFetcher, Traffic
from kiosk.sync.http import HttpPolicy, make_session
from kiosk.sync.state import get_state, read_state
from kiosk.vitals import Vitals, resident_memory
from protocol.events import Heartbeat
from protocol.onboarding import API_KIOSK_ASSIGNMENT, Assignment, read_refusal
from protocol.repo_format import FormatError, build_catalog, index_path, parse_root, parse_shard, sha256_bytes
from protocol.signing import IndexRejected, VerifiedIndex, load_public, verify_signed_index
from protocol.sync_status import SyncStatus, is_ok
from protocol.version import APP_VERSION, user_agent

try:  # Unix kiosks; elsewhere two syncs at once are merely wasteful, not harmful.
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]


@dataclass(frozen=True)
class SyncConfig:
    repo_url: str
    public_key: str
    api_url: str = ""
    token: str = ""
    center: str = ""  # the center view to sync ("" = the city's view)
    http: HttpPolicy = HttpPolicy()
    workers: int = 4
    min_free_bytes: int = 64 << 20
    gc_grace: dt.timedelta = dt.timedelta(hours=1)
    outbox_batch: int = 200
    app_version: str = APP_VERSION


@dataclass
class SyncResult:
    status: SyncStatus
    revision: int = 0
    previous_revision: int = 0
    message: str = ""
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    objects_fetched: int = 0
    requests: int = 0
    bytes: int = 0
    uploaded: int = 0
    upload_error: str = ""
    removed_objects: int = 0
    # What the content loader noted but accepted (fields this kiosk does not know yet).
    notes: list[str] = field(default_factory=list)
    # The server moved this kiosk to another center ("" the city's view): the caller keeps it
    # in the settings (this client already synced that center's view).
    moved_to_center: str | None = None

    @property
    def ok(self) -> bool:
        return is_ok(self.status)

    def summary(self) -> str:
        if self.status == SyncStatus.UPDATED:
            text = (
                f"updated revision {self.previous_revision} -> {self.revision}: "
                f"{len(self.added)} added, {len(self.changed)} changed, {len(self.removed)} removed; "
                f"{self.objects_fetched} objects, {self.bytes} bytes in {self.requests} requests"
            )
        elif self.status == SyncStatus.UNCHANGED:
            text = f"unchanged at revision {self.revision} ({self.requests} request(s), {self.bytes} bytes)"
        else:
            text = f"{self.status}: {self.message}"
        if self.uploaded:
            text += f"; uploaded {self.uploaded} queued record(s)"
        if self.upload_error:
            text += f"; upload: {self.upload_error}"
        return text


class SyncError(Exception):
    pass


CENTER_ID = re.compile(SYNC_CENTER_PATTERN)  # what Settings.sync_center accepts


def free_bytes(path: Path) -> int:
    return shutil.disk_usage(path).free


class SyncClient:
    def __init__(
        self,
        data_dir: Path,
        sessions: sessionmaker[Session],
        config: SyncConfig,
        clock: Clock = utc_now,
        disk_free: Callable[[Path], int] = free_bytes,
        vitals: Vitals | None = None,
    ):
        """``vitals``: the running kiosk's uptime, restarts, memory and screen for the heartbeat
        (None from the shell's `kiosk sync`, which has no screen)."""
        self.layout = apply.Layout(data_dir)
        self.vitals = vitals
        self.sessions = sessions
        self.config = config
        self.clock = clock
        self.disk_free = disk_free
        self._local = threading.local()

    # Public -------------------------------------------------------------------------------
    def run(self, upload: bool = True) -> SyncResult:
        self.layout.items_dir.mkdir(parents=True, exist_ok=True)
        self.layout.media_dir.mkdir(parents=True, exist_ok=True)
        with self._lock() as held:
            if not held:
                return SyncResult(SyncStatus.BUSY, message="another sync is running")
            traffic = Traffic()
            moved_from = self.config.center
            refused = self._check_assignment()
            if refused is not None:
                result = refused  # nothing is fetched or sent for a kiosk the server refuses
            else:
                try:
                    result = self._sync_content(traffic)
                except (SyncError, FetchError, IndexRejected, FormatError, ContentError, requests.RequestException) as error:
                    result = SyncResult(SyncStatus.FAILED, message=_one_line(error))
                except OSError as error:  # disk trouble while staging: keep going next time
                    result = SyncResult(SyncStatus.FAILED, message=f"local file error: {error.strerror or error}")
            if self.config.center != moved_from:
                result.moved_to_center = self.config.center
            result.requests, result.bytes = traffic.requests, traffic.bytes
            self._record(result)
            if upload and self.config.api_url and self.config.token and refused is None:
                self._upload(result, traffic)
            if result.ok:
                state, _ = read_state(self.sessions)
                result.removed_objects = gc.collect(self.sessions, self.layout, state.root, self.clock(), self.config.gc_grace)
            return result

    # Content ------------------------------------------------------------------------------
    def _sync_content(self, traffic: Traffic) -> SyncResult:
        if self.disk_free(self.layout.data_dir) < self.config.min_free_bytes:
            raise DiskFull("not enough free disk to sync; the current content stays")
        state, current_digest = read_state(self.sessions)
        # Trust the cached ETag only while the rows still hold what sync applied, of this view.
        moved = (state.view_center or "") != self.config.center
        trusted = bool(state.applied_digest) and state.applied_digest == current_digest and not moved
        # Revisions only move forward within a view; a kiosk moved to another center starts
        # that view afresh (an old index of it would be expired, so this replays nothing stale).
        floor = 0 if moved else state.repo_revision
        headers = {}
        if trusted and state.index_etag:
            headers["If-None-Match"] = state.index_etag
        if trusted and state.index_last_modified:
            headers["If-Modified-Since"] = state.index_last_modified
        http = self._http()
        where = index_path(self.config.center or None)
        response = http.get(self._repo(where), headers=headers, timeout=self.config.http.timeout)
        traffic.add(1, len(response.content))
        if response.status_code == 304:
            if state.index_expires_at is not None and self.clock() >= state.index_expires_at:
                raise IndexRejected(_expired(state.index_expires_at))
            return SyncResult(SyncStatus.UNCHANGED, revision=state.repo_revision, previous_revision=state.repo_revision)
        if response.status_code == 404 and self.config.center:
            raise SyncError(f"the repository has no view for center '{self.config.center}' ({where}); "
                            "check the kiosk's center id, or add the center on the server")
        if response.status_code != 200:
            raise SyncError(f"index: HTTP {response.status_code}")
        verified = verify_signed_index(response.content, load_public(self.config.public_key), state.key_serial)
        index = verified.payload
        self._check_index(index, verified)
        etag, last_modified = response.headers.get("ETag", ""), response.headers.get("Last-Modified", "")
        revision, root_sha = index["revision"], index["root"][0]
        if revision < floor:
            raise IndexRejected(f"the index offers revision {revision}, older than {floor}; refused")
        if revision == floor and root_sha != state.root:
            raise IndexRejected(f"the index offers different content under the same revision {revision}; refused")
        if revision == state.repo_revision and trusted:
            self._remember_index(etag, last_modified, verified)
            return SyncResult(SyncStatus.UNCHANGED, revision=revision, previous_revision=revision)

        old_files = self._cached_catalog(state.root) if state.root else {}
        if not old_files and index.get("catalog"):
            files = self._full_catalog(root_sha, *index["catalog"], traffic)
        else:
            files = self._catalog(root_sha, index["root"][1], traffic)
        missing: dict[Path, tuple[str, int]] = {}
        for path, (sha, size) in files.items():
            local = self.layout.local_path(path, sha)
            if not local.exists():
                missing[local] = (sha, size)
        needed = sum(size for _, size in missing.values())
        if self.disk_free(self.layout.data_dir) < needed + self.config.min_free_bytes:
            raise DiskFull(f"revision {revision} needs {needed} bytes more than the disk has free; nothing changed")
        self._parallel(
            [lambda local=local, sha=sha, size=size: self._fetcher(traffic).fetch_file(sha, size, local)
             for local, (sha, size) in missing.items()]
        )
        # Staged after the downloads, not during: links made while files are being written
        # contend for the same directories and cost ten times as much.
        apply.clear_staging(self.layout)
        for path, (sha, _) in files.items():
            apply.link_into_staging(self.layout, path, sha)
        pack = apply.validate(self.layout)
        apply.commit(self.sessions, self.layout, pack, files, index, etag, last_modified, self.clock(),
                     accepted=lambda state: self._accept(state, verified))
        result = SyncResult(SyncStatus.UPDATED, revision=revision, previous_revision=state.repo_revision,
                            objects_fetched=len(missing), notes=apply.notes_of(pack))
        result.added = sorted(set(files) - set(old_files))
        result.removed = sorted(set(old_files) - set(files))
        result.changed = sorted(p for p in set(files) & set(old_files) if files[p][0] != old_files[p][0])
        return result

    def _catalog(self, root_sha: str, root_size: int, traffic: Traffic) -> dict[str, tuple[str, int]]:
        shards = parse_root(self._item(root_sha, root_size, traffic))
        # Catalog parts are small and latency-bound: more of them in flight than big downloads.
        parts = self._parallel([lambda s=s, n=n: self._item(s, n, traffic) for s, n in shards.values()], 4)
        files: dict[str, tuple[str, int]] = {}
        for data in parts:
            files.update(parse_shard(data))
        return files

    def _full_catalog(self, root_sha: str, sha: str, size: int, traffic: Traffic) -> dict[str, tuple[str, int]]:
        """First sync: the whole list in one object, checked against the signed root, and
        split into the shards a later sync compares with."""
        files = parse_shard(self._item(sha, size, traffic), kind="catalog")
        shards, root = build_catalog(files)
        if sha256_bytes(root) != root_sha:
            raise FormatError("the catalog does not match the signed catalog root")
        for data in (*shards.values(), root):
            self._store_item(sha256_bytes(data), data)
        return files

    def _cached_catalog(self, root_sha: str) -> dict[str, tuple[str, int]]:
        try:
            files: dict[str, tuple[str, int]] = {}
            for sha, _ in parse_root(self.layout.item_path(root_sha).read_bytes()).values():
                files.update(parse_shard(self.layout.item_path(sha).read_bytes()))
            return files
        except (OSError, FormatError):
            return {}

    def _item(self, sha: str, size: int, traffic: Traffic) -> bytes:
        path = self.layout.item_path(sha)
        try:
            data = path.read_bytes()
            if sha256_bytes(data) == sha:
                return data
        except OSError:
            pass
        data = self._fetcher(traffic).fetch_bytes(sha, size)
        self._store_item(sha, data)
        return data

    def _store_item(self, sha: str, data: bytes) -> None:
        # Not durable: see kiosk.sync.apply.validate, which syncs the disk before any row names it.
        atomic_write_bytes(self.layout.item_path(sha), data)

    def _check_index(self, index: dict, verified: VerifiedIndex) -> None:
        """Refuse another center's view and an expired index; either way the content stays."""
        offered = index.get("center") or ""
        if offered != self.config.center:
            raise IndexRejected(
                f"the index is for {_view_name(offered)}, but this kiosk belongs to {_view_name(self.config.center)}; refused"
            )
        expires = expiry_of(index)
        if expires is not None and self.clock() >= expires:
            # Remember it even so: the guide learns since when the content may be out of date.
            self._remember_expiry(expires, verified.key_serial)
            raise IndexRejected(_expired(expires))

    def _remember_index(self, etag: str, last_modified: str, verified: VerifiedIndex) -> None:
        with self.sessions.begin() as session:
            state = get_state(session)
            state.index_etag, state.index_last_modified = etag, last_modified
            self._accept(state, verified)

    def _accept(self, state: SyncState, verified: VerifiedIndex) -> None:
        """What an accepted index tells the state: its expiry, its key's serial, its view."""
        state.index_expires_at = expiry_of(verified.payload)
        state.key_serial = max(state.key_serial or 0, verified.key_serial)
        state.view_center = self.config.center

    def _remember_expiry(self, expires: dt.datetime, key_serial: int) -> None:
        with self.sessions.begin() as session:
            state = get_state(session)
            if state.index_expires_at is None or state.index_expires_at < expires:
                state.index_expires_at = expires
            state.key_serial = max(state.key_serial or 0, key_serial)

    # Who this kiosk is ------------------------------------------------------------------------
    def _check_assignment(self) -> SyncResult | None:
        """Follow a move to another center; a refusal is the run's result. A server that cannot
        be asked (away, or older than this question) changes nothing: the repository may still
        answer, and the upload says what went wrong."""
        if not (self.config.api_url and self.config.token):
            return None
        if getattr(self._local, "api", None) is None:
            self._local.api = make_session(self.config.http, self._agent(), self.config.api_url)
        try:
            # The token goes in a header only: URLs end up in access logs, headers do not.
            response = self._local.api.get(self.config.api_url.rstrip("/") + API_KIOSK_ASSIGNMENT,
                                           headers={"Authorization": f"Bearer {self.config.token}"},
                                           timeout=self.config.http.timeout)
        except requests.RequestException:
            return None
        try:
            body = response.json()
        except ValueError:
            body = None
        refusal = read_refusal(response.status_code, body)
        if refusal is not None:
            status = SyncStatus.REVOKED if refusal.revoked else SyncStatus.NOT_AUTHORISED
            return SyncResult(status, message=refusal.message)
        if response.status_code != 200:
            return None
        try:
            assignment = Assignment.from_dict(body)
        except ValueError:
            return None
        if assignment.center != self.config.center and CENTER_ID.match(assignment.center):
            self.config = dataclasses.replace(self.config, center=assignment.center)
        return None

    # Upstream -----------------------------------------------------------------------------
    def _upload(self, result: SyncResult, traffic: Traffic) -> None:
        now = self.clock()
        with self.sessions() as session:
            content = session.get(ContentRevision, 1)
        state, _ = read_state(self.sessions)
        outbox.queue_heartbeat(self.sessions, now, Heartbeat(
            at=now.isoformat(),
            app_version=self.config.app_version,
            content_revision=content.revision if content else 0,
            repo_revision=result.revision,
            last_sync=str(result.status),
            last_sync_message=result.message[:200],
            free_disk=self.disk_free(self.layout.data_dir),
            # Rows waiting before this upload: the fleet page shows who is falling behind.
            outbox_pending=outbox.pending_count(self.sessions),
            content_expires_at=state.index_expires_at.isoformat() if state.index_expires_at else "",
            center=self.config.center,
            last_sync_ok_at=state.last_success_at.isoformat() if state.last_success_at else "",
            **(self.vitals.heartbeat_fields() if self.vitals is not None else {"memory_bytes": resident_memory()}),
        ))
        try:
            result.uploaded = outbox.upload(
                self.sessions, make_session(self.config.http, self._agent()), self.config.api_url, self.config.token,
                self.config.http, traffic, self.clock, batch_size=self.config.outbox_batch,
            )
        except outbox.UploadError as error:
            result.upload_error = str(error)
        outbox.prune_sent(self.sessions, now - dt.timedelta(days=30))

    # Plumbing -----------------------------------------------------------------------------
    def _record(self, result: SyncResult) -> None:
        with self.sessions.begin() as session:
            state = get_state(session)
            state.last_attempt_at = self.clock()
            state.last_result = result.summary()[:200]
            if result.ok:
                state.last_success_at = state.last_attempt_at

    def _repo(self, name: str) -> str:
        return self.config.repo_url.rstrip("/") + "/" + name

    def _http(self) -> requests.Session:
        # One session per thread: requests does not promise a shared Session is thread-safe.
        if getattr(self._local, "http", None) is None:
            self._local.http = make_session(self.config.http, self._agent(), self.config.repo_url)
        return self._local.http

    def _agent(self) -> str:
        return user_agent(self.config.app_version)

    def _fetcher(self, traffic: Traffic) -> ObjectFetcher:
        return ObjectFetcher(self._http(), self.config.repo_url, self.config.http, traffic)

    def _parallel(self, jobs: list[Callable[[], object]], factor: int = 1) -> list:
        if len(jobs) <= 1 or self.config.workers <= 1:
            return [job() for job in jobs]
        pool = ThreadPoolExecutor(self.config.workers * factor)
        futures = [pool.submit(job) for job in jobs]
        try:
            return [future.result() for future in futures]
        finally:
            # On the first failure, do not start the rest: the sync stops and tries later.
            pool.shutdown(wait=True, cancel_futures=True)

    @contextlib.contextmanager
    def _lock(self) -> Iterator[bool]:
        if fcntl is None:
            yield True
            return
        with self.layout.lock_file.open("a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def expiry_of(index: dict) -> dt.datetime | None:
    """The index's expiry as naive UTC (the kiosk's clock), or None for an index without one."""
    text = index.get("expires_at")
    return as_naive_utc(dt.datetime.fromisoformat(text)) if isinstance(text, str) else None


def _expired(expires: dt.datetime) -> str:
    return (f"the newest index expired at {expires.isoformat(sep=' ', timespec='minutes')} UTC: the server has "
            "not re-signed it (a stopped server, or a mirror that is not refreshed); the current content stays")


def _view_name(center: str) -> str:
    return f"center '{center}'" if center else "the city's view (no center)"


def _one_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0] if text else ''}"[:500]
