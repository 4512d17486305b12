"""`kiosk-server staff ...` and `kiosk-server api-token`: accounts from the server's shell, for
when nobody can log in (the first admin without the setup token, a forgotten password), and
read-only tokens for scripts. Passwords are read from the terminal (or one line of stdin with
--password-stdin), never from the command line, which other users and shell history can see."""

from __future__ import annotations

import getpass
import sys

from sqlalchemy import select

from server import audit, auth, staff
from server.config import ServerHome
from server.models import Staff
from server.scope import Role


def add_staff_parsers(commands) -> None:
    parser = commands.add_parser("staff", help="admin web accounts: add, password, list (when nobody can log in)")
    actions = parser.add_subparsers(dest="staff_command", required=True)
    add = actions.add_parser("add", help="add an account")
    add.add_argument("login")
    add.add_argument("--name", required=True, help="the person's name as colleagues know it")
    add.add_argument("--role", choices=[role.value for role in Role], required=True)
    add.add_argument("--district", help="a district admin's district id (e.g. mapo)")
    add.add_argument("--center", help="center staff's center id (see `center list`)")
    add.add_argument("--password-stdin", action="store_true", help="read the password from one line of stdin")
    password = actions.add_parser("password", help="set a new password (and unlock the account)")
    password.add_argument("login")
    password.add_argument("--password-stdin", action="store_true")
    actions.add_parser("list", help="list the accounts")
    commands.add_parser("api-token", help="print a new read-only token for /api/v1/admin/* (shown once)")


def _password(args) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password (at least 10 characters): ")
    if getpass.getpass("Again: ") != first:
        raise staff.AccountError("The two passwords are not the same.")
    return first


def cmd_staff(args, home: ServerHome) -> int:
    from server.db import open_server_database

    sessions = open_server_database(home.database_url())
    now = auth.now()
    try:
        with sessions.begin() as session:
            if args.staff_command == "list":
                for person in session.scalars(select(Staff).order_by(Staff.role, Staff.login)):
                    where = person.center or person.district or ""
                    state = " (off)" if person.disabled_at else ""
                    print(f"{person.login:24} {person.role:9} {where:24} {person.display_name}{state}")
                return 0
            if args.staff_command == "add":
                person = staff.create_staff(session, login=args.login, password=_password(args), display_name=args.name,
                                            role=args.role, district=args.district, center=args.center,
                                            by=audit.COMMAND_LINE, now=now)
                audit.record(session, audit.COMMAND_LINE, "staff.create", person.login, district=person.district,
                             center=person.center, detail={"role": person.role}, now=now)
                print(f"account '{person.login}' added ({person.role}); log in at /admin")
                return 0
            person = session.scalar(select(Staff).where(Staff.login == staff.normal_login(args.login)))
            if person is None:
                print(f"no account '{args.login}' (`kiosk-server staff list` shows them)", file=sys.stderr)
                return 1
            staff.set_password(person, _password(args))
            person.disabled_at = None
            staff.end_sessions_of(session, person.id)
            audit.record(session, audit.COMMAND_LINE, "staff.password", person.login, district=person.district,
                         center=person.center, now=now)
            print(f"new password set for '{person.login}'; the account is unlocked")
            return 0
    except staff.AccountError as error:
        print(error, file=sys.stderr)
        return 1


def cmd_api_token(args, home: ServerHome) -> int:
    from server.db import open_server_database

    with open_server_database(home.database_url()).begin() as session:
        token = auth.add_api_token(session)
        audit.record(session, audit.COMMAND_LINE, "api-token.create", "read-only API token")
    print(f"read-only API token (shown once): {token}")
    return 0
