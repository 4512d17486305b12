"""Download immutable objects: verify every hash, resume partial files with Range."""

from __future__ import annotations

import errno
import hashlib
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

import requests

from kiosk.sync.http import HttpPolicy
from protocol.repo_format import object_path


class FetchError(Exception):
    """An object could not be fetched intact; the sync stops and keeps the current content."""


class DiskFull(FetchError):
    pass


@dataclass
class Traffic:
    """Requests made and body bytes received, summed across download threads."""

    requests: int = 0
    bytes: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, requests: int = 0, bytes: int = 0) -> None:
        with self._lock:
            self.requests += requests
            self.bytes += bytes


CHUNK = 1 << 20


def _hash_existing(path: Path, digest) -> int:
    size = 0
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
            size += len(chunk)
    return size


class ObjectFetcher:
    def __init__(self, session: requests.Session, repo_url: str, policy: HttpPolicy, traffic: Traffic, attempts: int = 4):
        self.session = session
        self.repo_url = repo_url.rstrip("/") + "/"
        self.policy = policy
        self.traffic = traffic
        self.attempts = attempts

    def url(self, sha: str) -> str:
        return self.repo_url + object_path(sha)

    def fetch_bytes(self, sha: str, size: int, limit: int = 64 << 20) -> bytes:
        """Small objects (catalog parts) straight into memory, verified."""
        if size > limit:
            raise FetchError(f"object {sha[:12]} is too large for a catalog part ({size} bytes)")
        last = ""
        for _ in range(self.attempts):
            try:
                response = self.session.get(self.url(sha), timeout=self.policy.timeout, headers={"Accept-Encoding": "identity"})
                data = response.content
                self.traffic.add(1, len(data))
            except requests.RequestException as error:
                last = f"{type(error).__name__}"
                continue
            if response.status_code != 200:
                raise FetchError(f"object {sha[:12]}: HTTP {response.status_code}")
            if hashlib.sha256(data).hexdigest() != sha:
                if len(data) < size:
                    last = "truncated"
                    continue
                raise FetchError(f"object {sha[:12]}: content does not match its SHA-256")
            return data
        raise FetchError(f"object {sha[:12]}: gave up after {self.attempts} attempts ({last})")

    def fetch_file(self, sha: str, size: int, target: Path) -> None:
        """Download to ``target`` via ``target.part``; resumes what an earlier try left."""
        part = target.with_name(target.name + ".part")
        last = ""
        for _ in range(self.attempts):
            digest = hashlib.sha256()
            have = _hash_existing(part, digest) if part.exists() else 0
            if have > size:
                part.unlink()
                digest, have = hashlib.sha256(), 0
            headers = {"Accept-Encoding": "identity"}  # byte ranges must address the stored bytes
            if 0 < have < size:
                headers["Range"] = f"bytes={have}-"
            try:
                if have < size or size == 0:
                    have, digest = self._stream(sha, part, have, digest, headers)
            except requests.RequestException as error:
                last = type(error).__name__  # reset, truncated, stalled mid-body: resume
                continue
            except OSError as error:
                if error.errno == errno.ENOSPC:
                    part.unlink(missing_ok=True)
                    raise DiskFull("the disk is full; the download was abandoned") from None
                raise
            if have < size:
                last = "truncated"
                continue
            if have != size or digest.hexdigest() != sha:
                part.unlink(missing_ok=True)
                raise FetchError(f"object {sha[:12]}: content does not match its SHA-256")
            os.replace(part, target)
            return
        raise FetchError(f"object {sha[:12]}: gave up after {self.attempts} attempts ({last})")

    def _stream(self, sha: str, part: Path, have: int, digest, headers: dict[str, str]):
        try:
            response = self.session.get(self.url(sha), headers=headers, stream=True, timeout=self.policy.timeout)
        except requests.RequestException as error:
            # No answer even after urllib3's retries (refused, stalled): leave it to the next sync.
            raise FetchError(f"object {sha[:12]}: no answer from the server ({type(error).__name__})") from None
        with response:
            self.traffic.add(requests=1)
            if response.status_code == 206 and have:
                start = response.headers.get("Content-Range", "").removeprefix("bytes ").split("-")[0]
                if start != str(have):
                    raise FetchError(f"object {sha[:12]}: server resumed at the wrong offset")
                mode = "ab"
            elif response.status_code == 200:
                # The server ignored Range (plain static servers may): start over.
                mode, have, digest = "wb", 0, hashlib.sha256()
            elif response.status_code == 416:
                part.unlink(missing_ok=True)
                raise requests.ConnectionError("range not satisfiable; restarting")
            else:
                raise FetchError(f"object {sha[:12]}: HTTP {response.status_code}")
            part.parent.mkdir(parents=True, exist_ok=True)
            with part.open(mode) as handle:
                try:
                    for chunk in response.iter_content(CHUNK):
                        handle.write(chunk)
                        digest.update(chunk)
                        have += len(chunk)
                        self.traffic.add(bytes=len(chunk))
                finally:
                    # No fsync per object: see kiosk.sync.apply.validate.
                    handle.flush()
        return have, digest
