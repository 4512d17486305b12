"""`kiosk-server`: init, rotate-key, center ..., staff ..., api-token, enroll NAME, publish CONTENT_DIR, serve."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from server.cli_content import add_center_parsers, cmd_center, cmd_publish, cmd_rotate_key
from server.cli_staff import add_staff_parsers, cmd_api_token, cmd_staff
from server.config import ServerHome


def cmd_init(args, home: ServerHome) -> int:
    from server import auth
    from server.cli_content import init_keys
    from server.db import open_server_database

    config = home.config()
    if args.database_url:
        config["database_url"] = args.database_url
    config.setdefault("repo_dir", str(home.path / "repo"))
    home.save_config(config)
    home.repo_dir.mkdir(parents=True, exist_ok=True)
    sessions = open_server_database(home.database_url())
    public = init_keys(home, args.root_key_out)
    with sessions.begin() as session:
        token = auth.add_admin_token(session)
    print(f"server home: {home.path}")
    print(f"repository:  {home.repo_dir}")
    print(f"public key (configure kiosks with it): {public}")
    print(f"setup token (shown once; it makes the first city admin at /admin/setup): {token}")
    return 0


def cmd_enroll(args, home: ServerHome) -> int:
    from server import auth
    from server.centers import center_exists
    from server.db import open_server_database

    sessions = open_server_database(home.database_url())
    try:
        with sessions.begin() as session:
            if args.center and not center_exists(session, args.center):
                raise ValueError(f"no center '{args.center}'; add it first with `kiosk-server center add {args.center} ...` "
                                 "(`kiosk-server center list` shows the centers)")
            token = auth.enroll(session, args.name, center=args.center)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    where = f"center '{args.center}'" if args.center else "no center (it shows the city's view)"
    print(f"kiosk '{args.name}' enrolled in {where}; its token (shown once): {token}")
    print("its settings:")
    print(f"  sync_token:  {token}")
    print(f"  sync_center: {args.center or ''}")
    return 0


def cmd_serve(args, home: ServerHome) -> int:
    import uvicorn

    from server.app import FACTORY, refresh_every, serve_log_config
    from server.config import HOME_ENV
    from server.db import open_server_database

    if args.workers < 1:
        print(f"--workers must be 1 or more, not {args.workers}", file=sys.stderr)
        return 2
    try:
        refresh_every(home)  # read again by each worker; a mistake is told here, once
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    # Each worker builds its own app (server.app.app_from_environment) from this home.
    os.environ[HOME_ENV] = str(home.path)
    # Add missing tables and columns once, here: N workers starting together would race to.
    open_server_database(home.database_url()).kw["bind"].dispose()
    # uvicorn's access log prints the request line only, never headers, so tokens stay out.
    # Behind a TLS proxy, the visitor's address comes from the proxy's X-Forwarded-For, so that
    # login and connection-code limits count each visitor, not the proxy (server.staff).
    uvicorn.run(FACTORY, factory=True, host=args.host, port=args.port, workers=args.workers,
                log_config=serve_log_config(args.log_level), log_level=args.log_level,
                proxy_headers=True, forwarded_allow_ips=args.forwarded_allow_ips)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kiosk-server", description="Content and upload server for the kiosks")
    parser.add_argument("--home", type=Path, help="server folder (default: $KIOSK_SERVER_HOME or ./kiosk-server)")
    commands = parser.add_subparsers(dest="command", required=True)
    init = commands.add_parser("init", help="create the server folder, database, keys and a setup token for the first city admin")
    init.add_argument("--database-url", help="e.g. postgresql+psycopg://user:pass@host/db (default: SQLite file)")
    init.add_argument("--root-key-out", type=Path, help="where to write the new root key (default: the server "
                      "folder; move it offline either way)")
    rotate = commands.add_parser("rotate-key", help="replace the signing key; kiosks follow at their next sync")
    rotate.add_argument("--root-key", type=Path, required=True, help="the root key file from `init` (kept offline)")
    add_center_parsers(commands)
    add_staff_parsers(commands)
    enroll = commands.add_parser("enroll", help="register a kiosk and print its token")
    enroll.add_argument("name")
    enroll.add_argument("--center", help="the id of the center it stands in (see `center list`): it shows that "
                        "center's content, and kiosks of one center relay help requests to each other")
    pub = commands.add_parser("publish", help="validate a content folder and publish it as the next revision")
    pub.add_argument("content_dir", type=Path)
    pub.add_argument("--force", action="store_true", help="publish a new revision even if nothing changed")
    pub.add_argument("--note", help="what changed and why, shown with the revision on the admin pages")
    serve = commands.add_parser("serve", help="run the HTTP server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1,
                       help="server processes on this host; one of them at a time re-signs (default 1)")
    serve.add_argument("--log-level", choices=["debug", "info", "warning", "error"], default="info")
    serve.add_argument("--forwarded-allow-ips", default="127.0.0.1",
                       help="the TLS proxy's address(es), comma-separated, whose X-Forwarded-For is believed "
                            "(default 127.0.0.1: a proxy on this host)")
    args = parser.parse_args(argv)
    home = ServerHome.locate(args.home)
    handler = {"init": cmd_init, "rotate-key": cmd_rotate_key, "center": cmd_center, "enroll": cmd_enroll,
               "publish": cmd_publish, "serve": cmd_serve, "staff": cmd_staff, "api-token": cmd_api_token}
    return handler[args.command](args, home)


if __name__ == "__main__":
    sys.exit(main())
