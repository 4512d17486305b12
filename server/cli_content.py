"""`kiosk-server` commands for keys, content and centers (server.cli parses and dispatches).

Every command that writes the repository takes the publish lock (server.leader) so that it
never runs at the same time as another publish or a server process re-signing.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from kiosk.files import atomic_write_text
from server.config import ServerHome


def _write_private(path: Path, pem: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".tmp")
    # Owner-only from the start: these keys sign what every kiosk will show.
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    os.replace(partial, path)


def _sessions(home: ServerHome):
    from server.db import open_server_database

    return open_server_database(home.database_url())


def new_signing_key(home: ServerHome, root_pem: bytes, serial: int, pem: bytes | None = None) -> None:
    """A signing key (new unless ``pem`` is given), certified by the root with ``serial``."""
    from protocol.signing import certify, generate_private_pem, load_private, public_key_text
    from server.auth import now

    root = load_private(root_pem)
    pem = pem or generate_private_pem()
    certificate = certify(root, public_key_text(load_private(pem)), serial, now().isoformat(timespec="seconds"))
    _write_private(home.key_file, pem)
    atomic_write_text(home.certificate_file, json.dumps(certificate, indent=1))


def init_keys(home: ServerHome, root_out: Path | None) -> str:
    """A root key (left at ``root_out`` for the admin to take offline) and a signing key it
    certifies; returns the root's public key, which kiosks are configured with. A home that
    already has its keys keeps them; one from before root keys has its signing key certified."""
    from protocol.signing import generate_private_pem, load_private, public_key_text

    config = home.config()
    if home.certificate_file.exists() and config.get("root_public_key"):
        return config["root_public_key"]
    root_pem = generate_private_pem()
    target = root_out or home.default_root_key_file
    _write_private(target, root_pem)
    existing = home.key_file.read_bytes() if home.key_file.exists() else None
    new_signing_key(home, root_pem, serial=1, pem=existing)
    config["root_public_key"] = public_key_text(load_private(root_pem))
    home.save_config(config)
    print(f"root key written to {target}")
    print("  Move it off this server now (a USB stick kept in a safe) and delete it here: it is")
    print("  needed only to replace the signing key, with `kiosk-server rotate-key --root-key FILE`.")
    return config["root_public_key"]


def cmd_rotate_key(args, home: ServerHome) -> int:
    from server.leader import publish_lock
    from server.publish import refresh_indexes

    try:
        root_pem = args.root_key.read_bytes()
    except OSError as error:
        print(f"cannot read the root key {args.root_key}: {error.strerror}", file=sys.stderr)
        return 2
    from protocol.signing import load_private, public_key_text

    try:
        root_public = public_key_text(load_private(root_pem))
    except ValueError as error:
        print(f"{args.root_key} is not a root key: {error}", file=sys.stderr)
        return 2
    if root_public != home.config().get("root_public_key"):
        print(f"{args.root_key} is not this server's root key (kiosks trust {home.config().get('root_public_key')}); "
              "nothing was changed", file=sys.stderr)
        return 2
    # The serial from the certificate itself: a rotation must also mend a key and certificate
    # that no longer match (ServerHome.signer refuses those).
    old_serial = 0
    if home.certificate_file.exists():
        old_serial = int(json.loads(home.certificate_file.read_text(encoding="utf-8"))["payload"]["serial"])
    sessions = _sessions(home)
    with publish_lock(sessions, wait=True):
        new_signing_key(home, root_pem, serial=old_serial + 1)
        signer = home.signer()
        count = refresh_indexes(home.repo_dir, signer, lifetime=home.index_lifetime())
    print(f"signing key replaced (serial {old_serial} -> {signer.serial}); {count} index(es) re-signed.")
    print(f"Kiosks follow at their next sync; from then on they refuse the old key (serial {old_serial}).")
    return 0


def cmd_publish(args, home: ServerHome) -> int:
    from kiosk.content.loader import ContentError
    from server.auth import now
    from server.centers import all_centers
    from server.audit import COMMAND_LINE
    from server.content_store import record_publication
    from server.leader import publish_lock
    from server.publish import publish

    signer = home.signer()
    sessions = _sessions(home)
    with sessions() as session:
        centers = all_centers(session)
    with publish_lock(sessions, wait=True):
        try:
            result = publish(args.content_dir, home.repo_dir, signer, force=args.force, centers=centers,
                             lifetime=home.index_lifetime())
        except ContentError as error:
            print(error, file=sys.stderr)
            print("nothing was published", file=sys.stderr)
            return 2
        if result.changed:
            with sessions.begin() as session:
                record_publication(session, result, COMMAND_LINE, args.note, now())
    if not result.changed:
        print(f"nothing changed; revision {result.revision} stays current")
        return 0
    print(
        f"published revision {result.revision} of '{result.pack_id}': {result.files} files, "
        f"{result.objects_written} new objects ({result.bytes_written} bytes) in {home.repo_dir}"
    )
    print(f"views with new content: {_views(result.views_changed)}")
    return 0


def _views(centers: list[str | None]) -> str:
    return ", ".join("the city's (kiosks of no center)" if c is None else c for c in centers) or "none"


def rebuild(home: ServerHome, sessions) -> str:
    """Build the center views again from the last publication (after a center changed)."""
    from sqlalchemy import select

    from server.centers import all_centers
    from server.leader import publish_lock
    from server.models import Publication
    from server.publish import rebuild_views

    with sessions() as session:
        latest = session.scalars(
            select(Publication).where(Publication.source.is_not(None)).order_by(Publication.revision.desc())
        ).first()
        centers = all_centers(session)
    if latest is None:
        return "nothing published yet: the center gets its view with the first `kiosk-server publish`"
    with publish_lock(sessions, wait=True):
        result = rebuild_views(home.repo_dir, home.signer(), latest.source, centers, lifetime=home.index_lifetime())
    if not result.changed:
        return "no view changed"
    return f"revision {result.revision} for: {_views(result.views_changed)}"


def cmd_center(args, home: ServerHome) -> int:
    from server.auth import now
    from server.centers import CenterError, all_centers, make_center, put_center, read_centers_file
    from server.centers import remove_center
    from server.models import CenterRow

    sessions = _sessions(home)
    try:
        if args.action == "list":
            with sessions() as session:
                for center in all_centers(session):
                    print(f"{center.id}\t{center.district}\t{center.name.get('ko', '')}\t{center.phone}")
            return 0
        if args.action == "remove":
            with sessions.begin() as session:
                remove_center(session, args.id)
            print(f"center '{args.id}' removed; {rebuild(home, sessions)}")
            return 0
        if args.action == "import":
            centers = read_centers_file(args.file)
        else:
            with sessions() as session:
                stored = session.get(CenterRow, args.id)
                before = dict(stored.data) if stored else {}
            fields = _merged(before, _center_fields(args))
            centers = [make_center(fields, f"center '{args.id}'")]
        with sessions.begin() as session:
            added = [put_center(session, center, now()) for center in centers]
    except CenterError as error:
        print(error, file=sys.stderr)
        print("no center was changed", file=sys.stderr)
        return 2
    print(f"{sum(added)} center(s) added, {len(added) - sum(added)} updated; {rebuild(home, sessions)}")
    return 0


def _center_fields(args) -> dict:
    """What the admin gave on the command line (a flag left out changes nothing)."""
    from server.centers import parse_windows

    def localized(prefix: str) -> dict:
        return {loc: value for loc in ("ko", "ja", "en") if (value := getattr(args, f"{prefix}_{loc}"))}

    fields: dict = {"id": args.id, "district": args.district}
    for name in ("name", "address"):
        fields[name] = localized(name)
    if localized("hours"):
        fields["opening_hours"] = localized("hours")
    if args.phone is not None:
        fields["phone"] = args.phone
    if args.open is not None:
        fields["open_times"] = [w.model_dump(mode="json") for w in parse_windows(args.open, "--open")]
    if args.guide is not None:
        fields["guide_times"] = [w.model_dump(mode="json") for w in parse_windows(args.guide, "--guide")]
    return {key: value for key, value in fields.items() if value not in (None, {})}


def _merged(before: dict, given: dict) -> dict:
    """A changed center: the stored one with what was given laid over it, text by text."""
    merged = dict(before)
    for key, value in given.items():
        merged[key] = {**merged.get(key, {}), **value} if isinstance(value, dict) else value
    if "open_times" in given and "opening_hours" not in given:
        merged.pop("opening_hours", None)  # written again from the new hours
    return merged


def add_center_parsers(commands) -> None:
    center = commands.add_parser("center", help="the city's centers: add, import, list, remove")
    actions = center.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="add a center, or change the one with this id (only what is given)")
    add.add_argument("id", help="lowercase letters, digits and '-', e.g. gangnam-senior-welfare")
    add.add_argument("--district", help="a Seoul district id, e.g. gangnam, mapo, jongno (needed for a new center)")
    for field, what in (("name", "name"), ("address", "address"), ("hours", "opening hours in words")):
        for locale in ("ko", "ja", "en"):
            add.add_argument(f"--{field}-{locale}", help=f"the center's {what} in {locale}")
    add.add_argument("--phone", help="e.g. 02-3460-1234")
    add.add_argument("--open", help='opening hours, e.g. "mon-fri 09:00-18:00, sat 09:00-13:00" '
                     "(the words on screen are written from them unless --hours-* are given)")
    add.add_argument("--guide", help='when a digital guide is there, e.g. "tue,thu 10:00-16:00"')
    imp = actions.add_parser("import", help="add or change the centers in a JSON file (a list of centers)")
    imp.add_argument("file", type=Path)
    actions.add_parser("list", help="list the centers")
    rm = actions.add_parser("remove", help="remove a center that has no kiosks")
    rm.add_argument("id")
