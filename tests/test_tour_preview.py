"""A tour is a preview: it records no usage, files no help request and talks to no server.

It walks through "Call a guide" and guide mode like a visitor would, so without this an admin's
preview would show up in the center's statistics and on the admin page as a real call.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from sqlalchemy import func, select

from db.engine import open_database
from db.models import HelpRequest, OutboxEntry
from kiosk.paths import DataDir
from tests.test_cli import run_kiosk


class CountingServer(ThreadingHTTPServer):
    """Any request at all is a fault here; it answers 503 and counts."""

    def __init__(self):
        self.hits: list[str] = []

        server = self

        class Handler(BaseHTTPRequestHandler):
            def _any(self):
                server.hits.append(f"{self.command} {self.path}")
                self.send_response(503)
                self.end_headers()

            do_GET = do_POST = do_PUT = _any

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)


def test_a_tour_leaves_no_usage_no_help_request_and_no_upload(tmp_path, pack_dir):
    server = CountingServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        data = tmp_path / "data"
        data.mkdir()
        DataDir(data).settings.write_text(json.dumps({
            "sync_server_url": f"http://127.0.0.1:{server.server_address[1]}",
            "sync_public_key": "A" * 43 + "=",
            "sync_token": "t" * 32,
        }), encoding="utf-8")
        result = run_kiosk("--tour", str(tmp_path / "tour"), "--data-dir", str(data), "--content", str(pack_dir),
                           "--size", "1280x800")
        assert result.returncode == 0, result.stderr
        assert any("help-called" in path.name for path in (tmp_path / "tour").glob("*.png"))
    finally:
        server.shutdown()
        thread.join(10)
    sessions = open_database(DataDir(data).database)
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(OutboxEntry)) == 0
        assert session.scalar(select(func.count()).select_from(HelpRequest)) == 0
    assert server.hits == []
