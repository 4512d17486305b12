"""`kiosk sync`: one sync from the shell, printing what changed (exit 0 when it succeeded)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

TOKEN_ENV = "KIOSK_SYNC_TOKEN"
NOT_CONNECTED = (
    "This kiosk is not connected to {server} yet (it has no token), so it cannot sync. Start the kiosk "
    "(`kiosk`): it shows a code on its screen; enter that code on the admin page (Kiosks, Connect a "
    "kiosk) and pick the center. The kiosk then connects and syncs by itself."
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kiosk sync", description="Run one content sync and upload now")
    parser.add_argument("--data-dir", type=Path, help="the kiosk's data dir (default: the user data dir)")
    parser.add_argument("--server", help="the project's server URL (default: from the kiosk's settings)")
    parser.add_argument("--repo", help="the published repository URL, if not <server>/repo/")
    parser.add_argument("--public-key", help="the city's root key, base64 Ed25519 (default: from settings)")
    parser.add_argument("--center", help="the id of this kiosk's center, from `kiosk-server enroll` (default: from settings)")
    parser.add_argument("--no-upload", action="store_true", help="only fetch content; leave the outbox queued")
    parser.add_argument("--save", action="store_true", help="store --server/--repo/--public-key/--center in the settings")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)

    from db.engine import open_database
    from kiosk.paths import DataDir, default_data_dir
    from kiosk.settings import SettingsStore
    from kiosk.sync.client import SyncClient
    from kiosk.sync.config import config_from_settings
    from kiosk.sync.onboarding import needs_connecting

    data_dir = args.data_dir or default_data_dir()
    data_dir.mkdir(parents=True, exist_ok=True)
    layout = DataDir(data_dir)
    store = SettingsStore(layout.settings)
    settings, problem = store.load()
    if problem:
        print(problem, file=sys.stderr)
    updates = {
        key: value
        for key, value in (("sync_server_url", args.server), ("sync_repo_url", args.repo),
                           ("sync_public_key", args.public_key), ("sync_center", args.center))
        if value
    }
    # The token comes from the settings or the environment, never from the command line,
    # where other users could read it in the process list.
    if os.environ.get(TOKEN_ENV):
        updates["sync_token"] = os.environ[TOKEN_ENV]
    try:
        settings = type(settings).model_validate({**settings.model_dump(), **updates})
    except ValueError as error:
        print(f"the settings given are not valid: {error}", file=sys.stderr)
        return 2
    if args.save:
        store.save(settings)
    if needs_connecting(settings):
        # Downloading the city's view and exiting 0 would look like success to a script.
        print(NOT_CONNECTED.format(server=settings.sync_server_url), file=sys.stderr)
        return 3
    config = config_from_settings(settings)
    if config is None:
        print("sync is not configured: give --server (or --repo) and --public-key, or set them in the settings",
              file=sys.stderr)
        return 2
    client = SyncClient(data_dir, open_database(layout.database), config)
    result = client.run(upload=not args.no_upload)
    if result.moved_to_center is not None:
        # The server moved this kiosk on the admin page: its settings follow (no --save needed).
        saved, _ = store.load()
        store.save(saved.model_copy(update={"sync_center": result.moved_to_center}))
        print(f"this kiosk now belongs to {result.moved_to_center or 'no center (the city view)'}")
    print(result.summary())
    for note in result.notes:
        print(f"  note: {note}")
    for label, paths in (("added", result.added), ("changed", result.changed), ("removed", result.removed)):
        for path in paths[:50]:
            print(f"  {label}: {path}")
        if len(paths) > 50:
            print(f"  ... and {len(paths) - 50} more {label}")
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
