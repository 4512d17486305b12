"""Shared helpers for the server and sync tests (no tests here): a published repository, a
kiosk, fast HTTP policies, and a fault-injecting static server."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import socket
import struct
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.plugins.packs import make_pack, read, write

from kiosk.services import KioskServices
from kiosk.sync.client import SyncClient, SyncConfig
from kiosk.sync.http import HttpPolicy
from protocol.signing import generate_private_pem, load_private, public_key_text
from server.publish import publish

FAST = HttpPolicy(connect_timeout=1.0, read_timeout=1.0, retries=2, backoff=0.01, retry_after_cap=0.2)


@dataclass
class Repo:
    root: Path
    key = None
    public: str = ""
    # When the server publishes (naive UTC; None: now): a test whose kiosk lives in another
    # year publishes then too, or every index it gets has long expired.
    now: dt.datetime | None = None

    def __post_init__(self):
        self.key = load_private(generate_private_pem())
        self.public = public_key_text(self.key)
        self.dir = self.root / "repo"

    def publish(self, pack_dir: Path):
        return publish(pack_dir, self.dir, self.key, now=self.now)


def published(tmp_path: Path, now: dt.datetime | None = None, **pack_args) -> tuple[Repo, Path]:
    pack = make_pack(tmp_path / "pack", **pack_args)
    repo = Repo(tmp_path / "server", now=now)
    repo.publish(pack)
    return repo, pack


def edit_lesson(pack: Path, lesson: str = "lesson-1", summary: str = "바뀐 요약") -> None:
    path = pack / "lessons" / f"{lesson}.json"
    data = read(path)
    data["summary"]["ko"] = summary
    write(path, data)


def add_big_picture(pack: Path, size: int, seed: int = 1, lesson: str = "lesson-1") -> str:
    """A large PNG-looking media file (the loader checks the signature bytes only)."""
    data = b"\x89PNG\r\n\x1a\n" + hashlib.shake_256(str(seed).encode()).digest(size - 8)
    (pack / "media" / "big.png").write_bytes(data)
    path = pack / "lessons" / f"{lesson}.json"
    lesson_data = read(path)
    lesson_data["steps"][0]["picture"] = "media/big.png"
    write(path, lesson_data)
    return hashlib.sha256(data).hexdigest()


LOCAL_SUMMARY = "로컬 요약"


def local_pack(path: Path) -> Path:
    """What the kiosk shows before its first sync (stands in for the bundled pack)."""
    pack = path.parent / f"{path.name}-local-pack"
    if not pack.exists():
        make_pack(pack)
        edit_lesson(pack, summary=LOCAL_SUMMARY)
    return pack


def open_kiosk(path: Path) -> KioskServices:
    services = KioskServices.open(path, local_pack(path))
    assert not services.problems, services.problems
    return services


def client(services: KioskServices, repo_url: str, public: str, **kwargs) -> SyncClient:
    disk_free = kwargs.pop("disk_free", None)
    clock = kwargs.pop("clock", None)
    config = SyncConfig(repo_url=repo_url, public_key=public, http=kwargs.pop("http", FAST), **kwargs)
    extra = {}
    if disk_free:
        extra["disk_free"] = disk_free
    if clock:
        extra["clock"] = clock
    return SyncClient(services.data_dir, services.sessions, config, **extra)


def lesson_summary(services: KioskServices, lesson: str = "lesson-1") -> str | None:
    services.content.reload()
    found = services.content.lesson(lesson)
    return found.summary["ko"] if found else None


# A static server with faults ---------------------------------------------------------------


@dataclass
class Fault:
    match: str  # substring of the path
    kind: str  # reset | truncate | corrupt | status | stall | body | slow
    times: int = 1
    status: int = 503
    retry_after: str | None = None
    body: bytes = b""


@dataclass
class FaultState:
    root: Path
    faults: list[Fault] = field(default_factory=list)
    log: list[tuple[str, dict]] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self, path: str) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if fault.match in path and fault.times > 0:
                    fault.times -= 1
                    return fault
        return None

    def requests_for(self, fragment: str) -> list[dict]:
        return [headers for path, headers in self.log if fragment in path]


class FaultHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 - stdlib name
        state: FaultState = self.server.state  # type: ignore[attr-defined]
        path = self.path.split("?")[0]
        state.log.append((path, dict(self.headers)))
        fault = state.take(path)
        file = state.root / path.lstrip("/")
        if fault and fault.kind == "status":
            headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
            return self._send(fault.status, b"busy", headers)
        if fault and fault.kind == "stall":
            state.release.wait(10)  # bounded: the client's read timeout fires long before
            return self.close_connection_now()
        if not file.is_file():
            return self._send(404, b"not found")
        body = fault.body if fault and fault.kind == "body" else file.read_bytes()
        etag = '"%s"' % hashlib.sha256(body).hexdigest()[:32]
        if self.headers.get("If-None-Match") == etag:
            return self._send(304, b"", {"ETag": etag})
        if fault and fault.kind == "corrupt":
            body = bytes([body[0] ^ 0xFF]) + body[1:]
        start = 0
        status = 200
        ranged = self.headers.get("Range", "")
        if ranged.startswith("bytes=") and ranged.endswith("-"):
            start = int(ranged[6:-1])
            status = 206
        payload = body[start:]
        self.send_response(status)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("ETag", etag)
        if status == 206:
            self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
        self.end_headers()
        if fault and fault.kind in ("reset", "truncate"):
            self.wfile.write(payload[: len(payload) // 2])
            self.wfile.flush()
            if fault.kind == "reset":
                state.release.wait(0.2)  # let the client read what was sent before the RST
                # SO_LINGER 0: close() sends RST, like a dropped mobile link or a killed proxy.
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            return self.close_connection_now()
        if fault and fault.kind == "slow":
            for offset in range(0, len(payload), 64 * 1024):
                if state.release.wait(0.02):
                    # Cut short: the client learns at once (a kept-alive connection would
                    # leave it waiting its whole read timeout for the bytes promised).
                    return self.close_connection_now()
                self.wfile.write(payload[offset: offset + 64 * 1024])
            return
        self.wfile.write(payload)

    def close_connection_now(self):
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.close()

    def _send(self, status: int, body: bytes, headers: dict | None = None):
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 304:
            self.wfile.write(body)


@contextlib.contextmanager
def fault_server(root: Path):
    state = FaultState(root)
    server = ThreadingHTTPServer(("127.0.0.1", 0), FaultHandler)
    server.daemon_threads = True
    server.state = state  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", state
    finally:
        state.release.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


def env_with_path() -> dict:
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join([root, str(Path(__file__).resolve().parent), env.get("PYTHONPATH", "")])
    return env


@dataclass
class TricklingFleet:
    services: KioskServices  # a kiosk connected to both servers, voice off
    server_sessions: object  # the kiosk server's database (sessionmaker)
    state: FaultState  # the repository server's: ``release`` stops the trickle
    big_sha: str  # the picture that trickles


@contextlib.contextmanager
def trickling_fleet(tmp_path: Path, big_bytes: int, kiosk_name: str = "kiosk-a", trickles: int = 10):
    """A kiosk server on loopback and a repository server that trickles one big picture (about
    3 MB/s, the "slow" fault, ``trickles`` times), with a kiosk's services set up for both: a
    first sync of it is a long download (tests/test_help_first.py, bench/help_first.py)."""
    from server import auth
    from server.app import create_app
    from server.devserver import run_app

    repo, pack = published(tmp_path)
    big_sha = add_big_picture(pack, big_bytes)
    repo.publish(pack)
    app = create_app(f"sqlite:///{tmp_path / 'server.db'}", repo.dir)
    with app.state.sessions.begin() as session:
        token = auth.enroll(session, kiosk_name)
    with run_app(app) as api_url, fault_server(repo.dir) as (repo_url, state):
        state.faults.append(Fault(big_sha, "slow", times=trickles))
        services = open_kiosk(tmp_path / "kiosk")
        services.settings = services.settings.model_copy(update={
            "voice_on": False, "sync_server_url": api_url, "sync_repo_url": repo_url,
            "sync_public_key": repo.public, "sync_token": token,
        })
        services.visitor.settings = services.settings
        services.visitor.reset()
        yield TricklingFleet(services, app.state.sessions, state, big_sha)
