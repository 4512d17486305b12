"""Why the kiosk restarted: worked out at each start, kept for the heartbeat (no Qt here).

Three small files in the data dir (kiosk/paths.py):

- the run marker, written when a run begins and removed by a clean exit: one left behind means the
  last run never got to say goodbye (a crash, a kill, or the power going);
- the exit record, how the last run ended: its ``kiosk`` part written by the kiosk itself before a
  planned exit (``end_run``: a remote restart, a guide quitting, a clean quit), its ``systemd``
  part by ``kiosk record-exit``, which the unit runs as ExecStopPost with systemd's verdict in
  SERVICE_RESULT / EXIT_CODE / EXIT_STATUS (a watchdog kill, a crash, a plain stop);
- the restart log, one RestartNote a line (JSON), the last ``KEPT`` of them.

With the boot id (a new one at every boot of the machine) beside each, ``begin_run`` tells a frozen
screen, a crash, a power cut, a morning boot, a remote restart and a stop apart. Every write is
atomic (kiosk/files.py); a file that does not read, or a line that does not, is skipped, never fatal:
a kiosk must start whatever these files say.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from kiosk.clock import Clock, utc_now
from kiosk.files import atomic_write_text
from kiosk.paths import DataDir
from protocol.events import RESTARTS_SENT, RestartNote, RestartReason

log = logging.getLogger(__name__)

# The kiosk exits with this code to be started again (a remote restart): under systemd, Restart=
# starts it again; in a development run main.py starts itself again (restart_if_asked).
# 75 is EX_TEMPFAIL ("try again"); the unit counts it a success (SuccessExitStatus=75).
RESTART_EXIT_CODE = 75
KEPT = 200  # lines of the restart log kept
BOOT_ID = Path("/proc/sys/kernel/random/boot_id")

# systemd's SERVICE_RESULT values (systemd.exec(5), "Environment variables in spawned processes").
SYSTEMD_CLEAN = {"success"}
SYSTEMD_WATCHDOG = {"watchdog"}
CLEAN_ENDS = {RestartReason.STOPPED, RestartReason.REMOTE}  # a new boot after one of these is a BOOT


def read_boot_id() -> str:
    """This boot's id from the kernel, "" where there is none (not Linux)."""
    try:
        return BOOT_ID.read_text(encoding="ascii").strip()
    except OSError:
        return ""


class RestartLog:
    def __init__(self, data_dir: Path, clock: Clock = utc_now, boot_id: Callable[[], str] = read_boot_id):
        self.layout = DataDir(Path(data_dir))
        self.clock = clock
        self.boot_id = boot_id

    # A run's life ---------------------------------------------------------------------------
    def begin_run(self) -> RestartNote | None:
        """At start: why the previous run ended, noted in the log (None on the very first run).

        Marks this run as running and clears the previous run's exit record.
        """
        now_boot = self.boot_id()
        marker = _read_json(self.layout.run_marker)
        record = _read_json(self.layout.exit_record)
        reason_detail = self._why_it_ended(self.layout.run_marker.exists(), marker, record, now_boot)
        note = None
        if reason_detail is not None:
            reason, detail = reason_detail
            note = RestartNote(self._now(), str(reason), detail)
            self._append(note)
            log.info("the kiosk's previous run ended: %s%s", reason, f" ({detail})" if detail else "")
        self._write(self.layout.run_marker, {"started_at": self._now(), "boot_id": now_boot, "pid": os.getpid()})
        self.layout.exit_record.unlink(missing_ok=True)
        return note

    def end_run(self, reason: RestartReason | str, detail: str = "") -> None:
        """Before a planned exit (a remote restart, a guide quitting): why, for the next run to read."""
        record = _read_json(self.layout.exit_record) or {}
        record["kiosk"] = {"reason": str(reason), "detail": detail, "at": self._now(), "boot_id": self.boot_id()}
        self._write(self.layout.exit_record, record)

    def clean_exit(self) -> None:
        """The kiosk quit on its own: no marker left behind. Without an end_run it was a plain stop."""
        record = _read_json(self.layout.exit_record) or {}
        if not isinstance(record.get("kiosk"), dict):
            self.end_run(RestartReason.STOPPED, "the kiosk quit")
        self.layout.run_marker.unlink(missing_ok=True)

    def record_systemd_exit(self, environ: Mapping[str, str]) -> None:
        """systemd's verdict on the run that just ended (`kiosk record-exit`, ExecStopPost)."""
        record = _read_json(self.layout.exit_record) or {}
        record["systemd"] = {
            "result": environ.get("SERVICE_RESULT", ""),
            "exit_code": environ.get("EXIT_CODE", ""),
            "exit_status": environ.get("EXIT_STATUS", ""),
            "at": self._now(),
            "boot_id": self.boot_id(),
        }
        self._write(self.layout.exit_record, record)

    # Reading -------------------------------------------------------------------------------
    def recent(self, days: int = 7) -> list[RestartNote]:
        """The restarts of the last ``days``, oldest first, at most RESTARTS_SENT (the newest)."""
        since = (self.clock() - dt.timedelta(days=days)).isoformat(timespec="seconds")
        notes = [note for note in self._notes() if note.at >= since]
        return notes[-RESTARTS_SENT:]

    def _notes(self) -> list[RestartNote]:
        try:
            lines = self.layout.restart_log.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return []
        notes = []
        for line in lines:
            try:
                note = RestartNote.read(json.loads(line))
            except ValueError:
                note = None  # half a line, or someone's edit: skipped
            if note is not None:
                notes.append(note)
        return notes

    # The reasoning ---------------------------------------------------------------------------
    def _why_it_ended(self, marker_left: bool, marker: dict | None, record: dict | None,
                      now_boot: str) -> tuple[str, str] | None:
        record = record or {}
        kiosk, systemd = record.get("kiosk"), record.get("systemd")
        if isinstance(kiosk, dict) and isinstance(kiosk.get("reason"), str):
            reason, detail = kiosk["reason"], str(kiosk.get("detail") or "")
            if isinstance(systemd, dict) and systemd.get("result") not in (None, "", *SYSTEMD_CLEAN):
                detail = "; ".join(filter(None, (detail, f"systemd: {_systemd_words(systemd)}")))
            return self._boot_after(reason, detail, kiosk.get("boot_id"), now_boot)
        if isinstance(systemd, dict) and isinstance(systemd.get("result"), str):
            result = systemd["result"]
            if result in SYSTEMD_WATCHDOG:
                reason = RestartReason.WATCHDOG
            elif result in SYSTEMD_CLEAN and not marker_left:
                reason = RestartReason.STOPPED
            elif result in SYSTEMD_CLEAN:
                # The kiosk never closed (it says so on every stop, SIGTERM included), yet the unit
                # ended well: cage and xinit do not always pass their child's exit status on.
                return RestartReason.CRASHED, f"the last run ended without closing; systemd: {_systemd_words(systemd)}"
            else:  # exit-code, signal, core-dump, and the rarer timeout, resources, oom-kill...
                reason = RestartReason.CRASHED
            return self._boot_after(reason, f"systemd: {_systemd_words(systemd)}", systemd.get("boot_id"), now_boot)
        if marker_left:  # even one that does not read: the run never got to remove it
            if _other_boot((marker or {}).get("boot_id"), now_boot):
                return RestartReason.POWER, "the machine started again while the kiosk was running"
            return RestartReason.CRASHED, "the last run ended without closing"
        return None  # the very first run here (or the files were removed)

    @staticmethod
    def _boot_after(reason: str, detail: str, then_boot: Any, now_boot: str) -> tuple[str, str]:
        if reason in CLEAN_ENDS and _other_boot(then_boot, now_boot):
            return RestartReason.BOOT, f"after: {reason}"
        return reason, detail

    # Files ---------------------------------------------------------------------------------
    def _append(self, note: RestartNote) -> None:
        notes = [*self._notes(), note][-KEPT:]
        self._write_text(self.layout.restart_log, "".join(json.dumps(n.to_dict()) + "\n" for n in notes))

    def _write(self, path: Path, value: dict) -> None:
        self._write_text(path, json.dumps(value))

    @staticmethod
    def _write_text(path: Path, text: str) -> None:
        try:
            atomic_write_text(path, text, durable=True)  # a power cut is what these files explain
        except OSError as error:  # a full or read-only disk: the kiosk runs on, unknowing
            log.warning("could not write %s: %s", path, error)

    def _now(self) -> str:
        return self.clock().isoformat(timespec="seconds")


def _read_json(path: Path) -> dict | None:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        log.warning("ignored %s, which does not read: %s", path, error)
        return None
    return value if isinstance(value, dict) else None


def _other_boot(then_boot: Any, now_boot: str) -> bool:
    """True only when both boot ids are known and differ (no boot id: assume the same boot)."""
    return isinstance(then_boot, str) and bool(then_boot) and bool(now_boot) and then_boot != now_boot


def _systemd_words(systemd: dict) -> str:
    words = [str(systemd.get(key) or "") for key in ("result", "exit_code", "exit_status")]
    return " ".join(word for word in words if word)


# `kiosk record-exit` and the restart of a development run ---------------------------------------
def record_exit_main(argv: list[str]) -> int:
    """`kiosk record-exit [--data-dir D]`: keep systemd's verdict on the run that ended. Exits 0 always:
    a failing ExecStopPost would only add noise to a unit that is restarting anyway."""
    parser = argparse.ArgumentParser(prog="kiosk record-exit",
                                     description="Keep why the kiosk ended (run by systemd as ExecStopPost)")
    parser.add_argument("--data-dir", type=Path, help="the kiosk's data dir (default: the user data dir)")
    try:
        args = parser.parse_args(argv)
        if args.data_dir is None:
            from kiosk.paths import default_data_dir

            args.data_dir = default_data_dir()
        RestartLog(args.data_dir).record_systemd_exit(os.environ)
        result = os.environ.get("SERVICE_RESULT", "")
        print(f"kept why the kiosk ended: {result or 'unknown (not run by systemd)'}")
    except SystemExit:
        pass  # --help, or arguments argparse explained already
    except Exception as error:  # noqa: BLE001 (never fail the unit's stop)
        print(f"could not keep why the kiosk ended: {type(error).__name__}: {error}", file=sys.stderr)
    return 0


def restart_if_asked(exit_code: int, environ: Mapping[str, str] = os.environ,
                     execv: Callable[[str, list[str]], Any] = os.execv) -> int:
    """After the event loop: a kiosk that asked to be restarted and is not under systemd (which would
    start it again itself; it sets INVOCATION_ID) starts itself again, with the same command line."""
    if exit_code != RESTART_EXIT_CODE or environ.get("INVOCATION_ID"):
        return exit_code
    log.info("restarting the kiosk, as asked")
    sys.stdout.flush()
    sys.stderr.flush()
    execv(sys.executable, list(sys.orig_argv))
    return exit_code  # only when execv was replaced (tests)
