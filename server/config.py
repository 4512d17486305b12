"""The server's home folder: config, signing key, database (SQLite by default), repository."""

from __future__ import annotations

import datetime as dt
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

    @property
    def certificate_file(self) -> Path:
        """The root key's certificate for the signing key (protocol.signing)."""
        return self.path / "signing-key.cert.json"

    @property
    def default_root_key_file(self) -> Path:
        """Where `init` leaves a new root key: to be moved off this machine at once."""
        return self.path / "root-key.pem"

    def signer(self):
        """The signing key with its root certificate (none for a home from before root keys)."""
        from protocol.signing import Signer, load_private

        if not self.key_file.exists():
            raise SystemExit(f"no signing key at {self.key_file}; run `kiosk-server init` first")
        from protocol.signing import public_key_text

        key = load_private(self.key_file.read_bytes())
        certificate = None
        if self.certificate_file.exists():
            certificate = json.loads(self.certificate_file.read_text(encoding="utf-8"))
            # Written one after the other: a crash between them must stop signing, not sign
            # indexes every kiosk would refuse.
            if certificate.get("payload", {}).get("key") != public_key_text(key):
                raise SystemExit(f"{self.certificate_file} does not certify {self.key_file}; run "
                                 "`kiosk-server rotate-key --root-key FILE` to certify a new signing key")
        return Signer(key, certificate)

    def index_lifetime(self) -> dt.timedelta:
        """How long a signed index stays fresh (server.json "index_lifetime_hours", default 7 days)."""
        from server.publish import DEFAULT_LIFETIME

        hours = self.config().get("index_lifetime_hours")
        return dt.timedelta(hours=float(hours)) if hours else DEFAULT_LIFETIME

    def alert_settings(self):
        """The fleet alerts' thresholds (server.json "alerts"; server.alerts.AlertSettings)."""
        from server.alerts import AlertSettings

        return AlertSettings.read(self.config(), str(self.config_file))

    def smtp_settings(self):
        """How alert mails are sent (server.json "smtp"; server.mail.SmtpSettings), or None: no mail."""
        from server.mail import SmtpSettings

        return SmtpSettings.read(self.config(), str(self.config_file))

    @property
    def public_url(self) -> str:
        """Where people reach the admin pages (server.json "public_url"), for links in mails."""
        value = self.config().get("public_url") or ""
        return value if isinstance(value, str) else ""

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
