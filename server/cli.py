"""`kiosk-server`: init, keygen, enroll NAME, publish CONTENT_DIR, serve."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import TextIO

from server.config import ServerHome

# The server's own messages (uploads, help requests closed, admin logins) under `serve`; none
# of them carries a token.
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def _key(home: ServerHome):
    from protocol.signing import load_private

    if not home.key_file.exists():
        raise SystemExit(f"no signing key at {home.key_file}; run `kiosk-server keygen` first")
    return load_private(home.key_file.read_bytes())


def _write_key(home: ServerHome) -> str:
    from protocol.signing import generate_private_pem, load_private, public_key_text

    home.path.mkdir(parents=True, exist_ok=True)
    pem = generate_private_pem()
    partial = home.key_file.with_suffix(".tmp")
    # Owner-only from the start: the key signs what every kiosk will show.
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    os.replace(partial, home.key_file)
    return public_key_text(load_private(pem))


def cmd_init(args, home: ServerHome) -> int:
    from server import auth
    from server.db import open_server_database

    config = home.config()
    if args.database_url:
        config["database_url"] = args.database_url
    config.setdefault("repo_dir", str(home.path / "repo"))
    home.save_config(config)
    home.repo_dir.mkdir(parents=True, exist_ok=True)
    sessions = open_server_database(home.database_url())
    if not home.key_file.exists():
        print(f"signing key created: {home.key_file}")
        public = _write_key(home)
    else:
        from protocol.signing import public_key_text

        public = public_key_text(_key(home))
    with sessions.begin() as session:
        token = auth.add_admin_token(session)
    print(f"server home: {home.path}")
    print(f"repository:  {home.repo_dir}")
    print(f"public key (configure kiosks with it): {public}")
    print(f"admin token (shown once, keep it safe): {token}")
    return 0


def cmd_keygen(args, home: ServerHome) -> int:
    if home.key_file.exists() and not args.force:
        print(f"{home.key_file} exists; use --force to replace it (every kiosk then needs the new public key)")
        return 1
    print(f"public key (configure kiosks with it): {_write_key(home)}")
    return 0


def cmd_enroll(args, home: ServerHome) -> int:
    from server import auth
    from server.db import open_server_database

    sessions = open_server_database(home.database_url())
    try:
        with sessions.begin() as session:
            token = auth.enroll(session, args.name, center=args.center)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"kiosk '{args.name}' enrolled in center '{args.center or args.name}'; its token (shown once): {token}")
    return 0


def cmd_publish(args, home: ServerHome) -> int:
    from kiosk.content.loader import ContentError
    from server.db import open_server_database
    from server.models import Publication
    from server.publish import publish

    key = _key(home)
    try:
        result = publish(args.content_dir, home.repo_dir, key, force=args.force)
    except ContentError as error:
        print(error, file=sys.stderr)
        print("nothing was published", file=sys.stderr)
        return 2
    if not result.changed:
        print(f"nothing changed; revision {result.revision} stays current")
        return 0
    from server.auth import now

    sessions = open_server_database(home.database_url())
    with sessions.begin() as session:
        session.merge(Publication(revision=result.revision, pack_id=result.pack_id, root=result.root,
                                  files=result.files, bytes=result.bytes_written, published_at=now()))
    print(
        f"published revision {result.revision} of '{result.pack_id}': {result.files} files, "
        f"{result.objects_written} new objects ({result.bytes_written} bytes) in {home.repo_dir}"
    )
    return 0


def configure_logging(stream: TextIO | None = None, level: int = logging.INFO) -> logging.Handler:
    """Send the "server" loggers' records to ``stream`` (stderr); returns the handler."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    server_log = logging.getLogger("server")
    server_log.setLevel(level)
    server_log.addHandler(handler)
    return handler


def cmd_serve(args, home: ServerHome) -> int:
    import uvicorn

    from server.app import create_app

    configure_logging()
    app = create_app(home.database_url(), home.repo_dir)
    # uvicorn's access log prints the request line only, never headers, so tokens stay out.
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kiosk-server", description="Content and upload server for the kiosks")
    parser.add_argument("--home", type=Path, help="server folder (default: $KIOSK_SERVER_HOME or ./kiosk-server)")
    commands = parser.add_subparsers(dest="command", required=True)
    init = commands.add_parser("init", help="create the server folder, database, signing key and an admin token")
    init.add_argument("--database-url", help="e.g. postgresql+psycopg://user:pass@host/db (default: SQLite file)")
    keygen = commands.add_parser("keygen", help="create the Ed25519 signing key and print its public key")
    keygen.add_argument("--force", action="store_true")
    enroll = commands.add_parser("enroll", help="register a kiosk and print its token")
    enroll.add_argument("name")
    enroll.add_argument("--center", help="the senior center it stands in; kiosks of one center relay help "
                        "requests to each other (default: the kiosk's name)")
    pub = commands.add_parser("publish", help="validate a content folder and publish it as the next revision")
    pub.add_argument("content_dir", type=Path)
    pub.add_argument("--force", action="store_true", help="publish a new revision even if nothing changed")
    serve = commands.add_parser("serve", help="run the HTTP server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    home = ServerHome.locate(args.home)
    handler = {"init": cmd_init, "keygen": cmd_keygen, "enroll": cmd_enroll, "publish": cmd_publish, "serve": cmd_serve}
    return handler[args.command](args, home)


if __name__ == "__main__":
    sys.exit(main())
