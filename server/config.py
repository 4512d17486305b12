"""The server's home folder: config, signing key, database (SQLite by default), repository."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

HOME_ENV = "KIOSK_SERVER_HOME"
DATABASE_ENV = "KIOSK_SERVER_DATABASE_URL"


@dataclass
class ServerHome:
    path: Path

    @classmethod
    def locate(cls, path: Path | None) -> "ServerHome":
        return cls(Path(path or os.environ.get(HOME_ENV) or "kiosk-server").resolve())

    @property
    def config_file(self) -> Path:
        return self.path / "server.json"

    @property
    def key_file(self) -> Path:
        return self.path / "signing-key.pem"

    def config(self) -> dict:
        if self.config_file.exists():
            return json.loads(self.config_file.read_text(encoding="utf-8"))
        return {}

    def save_config(self, config: dict) -> None:
        self.path.mkdir(parents=True, exist_ok=True)
        self.config_file.write_text(json.dumps(config, indent=2), encoding="utf-8")

    def database_url(self, override: str | None = None) -> str:
        return (
            override
            or os.environ.get(DATABASE_ENV)
            or self.config().get("database_url")
            or f"sqlite:///{self.path / 'server.db'}"
        )

    @property
    def repo_dir(self) -> Path:
        return Path(self.config().get("repo_dir") or self.path / "repo")
