"""Why the kiosk restarted (kiosk/restarts.py): each reason from the files a run leaves, broken files, bounds."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.paths import DataDir
from kiosk.restarts import KEPT, RESTART_EXIT_CODE, RestartLog, restart_if_asked
from protocol.events import RESTARTS_SENT, RestartReason

ROOT = Path(__file__).resolve().parent.parent
START = dt.datetime(2030, 3, 4, 9, 0, 0)


class Machine:
    """A data dir, a clock and a boot id the test moves on."""

    def __init__(self, root: Path):
        self.root = root
        self.now = START
        self.boot = "boot-1"

    def log(self) -> RestartLog:
        return RestartLog(self.root, clock=lambda: self.now, boot_id=lambda: self.boot)

    def later(self, **delta) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def machine(tmp_path) -> Machine:
    return Machine(tmp_path / "data")


def systemd_env(result: str, code: str = "exited", status: str = "0") -> dict[str, str]:
    return {"SERVICE_RESULT": result, "EXIT_CODE": code, "EXIT_STATUS": status}


def test_the_first_run_has_no_restart_and_leaves_a_marker(machine):
    assert machine.log().begin_run() is None
    marker = json.loads(DataDir(machine.root).run_marker.read_text())
    assert marker["boot_id"] == "boot-1" and marker["pid"] == os.getpid()
    assert machine.log().recent() == []


def test_a_marker_left_behind_on_the_same_boot_is_a_crash(machine):
    machine.log().begin_run()
    machine.later(hours=1)
    note = machine.log().begin_run()
    assert (note.reason, note.at) == (RestartReason.CRASHED, "2030-03-04T10:00:00")


def test_a_marker_left_behind_on_a_new_boot_is_a_power_cut(machine):
    machine.log().begin_run()
    machine.boot = "boot-2"
    assert machine.log().begin_run().reason == RestartReason.POWER


def test_a_clean_quit_then_a_start_is_a_stop_and_after_a_new_boot_a_boot(machine):
    machine.log().begin_run()
    machine.log().clean_exit()
    assert not DataDir(machine.root).run_marker.exists()
    assert machine.log().begin_run().reason == RestartReason.STOPPED
    machine.log().clean_exit()
    machine.boot = "boot-2"
    assert machine.log().begin_run().reason == RestartReason.BOOT


@pytest.mark.parametrize(("env", "reason"), [
    (systemd_env("watchdog", "killed", "ABRT"), RestartReason.WATCHDOG),
    (systemd_env("exit-code", "exited", "1"), RestartReason.CRASHED),
    (systemd_env("signal", "killed", "SEGV"), RestartReason.CRASHED),
    (systemd_env("core-dump", "dumped", "ABRT"), RestartReason.CRASHED),
    (systemd_env("oom-kill", "killed", "KILL"), RestartReason.CRASHED),
])
def test_systemds_verdict_names_the_reason(machine, env, reason):
    machine.log().begin_run()  # its marker stays: systemd killed the run, or it died
    machine.log().record_systemd_exit(env)
    note = machine.log().begin_run()
    assert note.reason == reason
    assert note.detail == f"systemd: {env['SERVICE_RESULT']} {env['EXIT_CODE']} {env['EXIT_STATUS']}"


def test_a_stop_is_a_stop_when_the_kiosk_closed_and_a_crash_when_it_never_did(machine):
    machine.log().begin_run()
    machine.log().clean_exit()  # SIGTERM quits the kiosk's event loop (ui/app.py), which closes the run
    machine.log().record_systemd_exit(systemd_env("success", "killed", "TERM"))
    assert machine.log().begin_run().reason == RestartReason.STOPPED
    # The unit ended well but the kiosk never closed: cage or xinit kept a crash's status to itself.
    machine.log().record_systemd_exit(systemd_env("success"))
    note = machine.log().begin_run()
    assert note.reason == RestartReason.CRASHED and note.detail.startswith("the last run ended without closing")


def test_a_systemd_stop_before_a_shutdown_reads_as_a_boot_but_a_watchdog_kill_stays(machine):
    machine.log().begin_run()
    machine.log().clean_exit()
    machine.log().record_systemd_exit(systemd_env("success"))
    machine.boot = "boot-2"
    assert machine.log().begin_run().reason == RestartReason.BOOT
    machine.log().record_systemd_exit(systemd_env("watchdog", "killed", "ABRT"))
    machine.boot = "boot-3"
    assert machine.log().begin_run().reason == RestartReason.WATCHDOG


def test_a_planned_exit_wins_over_systemds_view_and_over_the_clean_exit(machine):
    machine.log().begin_run()
    machine.log().end_run(RestartReason.REMOTE, "asked by kim on the admin page")
    machine.log().clean_exit()  # keeps the planned reason
    machine.log().record_systemd_exit(systemd_env("success", "exited", str(RESTART_EXIT_CODE)))
    note = machine.log().begin_run()
    assert (note.reason, note.detail) == (RestartReason.REMOTE, "asked by kim on the admin page")


def test_a_planned_exit_that_systemd_had_to_kill_says_so(machine):
    machine.log().begin_run()
    machine.log().end_run(RestartReason.STOPPED, "a guide quit")
    machine.log().record_systemd_exit(systemd_env("timeout", "killed", "KILL"))
    note = machine.log().begin_run()
    assert (note.reason, note.detail) == (RestartReason.STOPPED, "a guide quit; systemd: timeout killed KILL")


def test_each_run_reads_only_the_previous_end(machine):
    machine.log().begin_run()
    machine.log().record_systemd_exit(systemd_env("watchdog", "killed", "ABRT"))
    assert machine.log().begin_run().reason == RestartReason.WATCHDOG
    assert not DataDir(machine.root).exit_record.exists()
    assert machine.log().begin_run().reason == RestartReason.CRASHED  # the watchdog kill is not read twice


def test_an_exit_record_that_does_not_read_is_ignored(machine):
    machine.log().begin_run()
    DataDir(machine.root).exit_record.write_bytes(b"\xff{not json")
    assert machine.log().begin_run().reason == RestartReason.CRASHED  # from the marker; no exception


def test_a_marker_that_does_not_read_still_says_the_run_never_closed(machine):
    DataDir(machine.root).root.mkdir(parents=True)
    DataDir(machine.root).run_marker.write_text("[1, 2")
    assert machine.log().begin_run().reason == RestartReason.CRASHED


def test_broken_log_lines_are_skipped(machine):
    machine.log().begin_run()
    machine.log().begin_run()
    log_file = DataDir(machine.root).restart_log
    log_file.write_text(log_file.read_text() + '{"at": "2030-03-04T09:0\n[1, 2]\n{"reason": "crashed"}\n\n')
    machine.later(minutes=5)
    machine.log().begin_run()
    assert [note.reason for note in machine.log().recent()] == [RestartReason.CRASHED, RestartReason.CRASHED]


def test_recent_is_the_last_days_oldest_first_and_bounded(machine):
    machine.log().begin_run()
    for _ in range(30):  # a crash a day for 30 days
        machine.later(days=1)
        machine.log().begin_run()
    week = machine.log().recent(days=7)
    assert len(week) == 8  # a week back from now, both ends included
    assert week[0].at == (machine.now - dt.timedelta(days=7)).isoformat()
    assert week == sorted(week, key=lambda note: note.at)
    month = machine.log().recent(days=60)
    assert len(month) == RESTARTS_SENT and month[-1].at == machine.now.isoformat()


def test_the_log_keeps_the_last_lines_only(machine):
    machine.log().begin_run()
    for _ in range(KEPT + 15):
        machine.later(minutes=1)
        machine.log().begin_run()
    lines = DataDir(machine.root).restart_log.read_text().splitlines()
    assert len(lines) == KEPT
    assert json.loads(lines[-1])["at"] == machine.now.isoformat()


def test_record_exit_command_keeps_systemds_verdict_and_exits_0(tmp_path):
    data = tmp_path / "data"
    env = dict(os.environ, **systemd_env("watchdog", "killed", "ABRT"))
    done = subprocess.run([sys.executable, "main.py", "record-exit", "--data-dir", str(data)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(DataDir(data).exit_record.read_text())["systemd"]["result"] == "watchdog"
    assert RestartLog(data).begin_run().reason == RestartReason.WATCHDOG
    # Even a data dir it cannot write: the unit's stop must not fail over it.
    (tmp_path / "file").write_text("")
    done = subprocess.run([sys.executable, "main.py", "record-exit", "--data-dir", str(tmp_path / "file" / "x")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert "could not" in done.stderr


def test_a_restart_outside_systemd_starts_the_same_command_again():
    started = []
    assert restart_if_asked(0, {}, lambda *call: started.append(call)) == 0
    assert restart_if_asked(RESTART_EXIT_CODE, {"INVOCATION_ID": "abc"}, lambda *call: started.append(call)) == RESTART_EXIT_CODE
    assert started == []  # a normal end, and systemd restarting the kiosk itself
    restart_if_asked(RESTART_EXIT_CODE, {}, lambda *call: started.append(call))
    assert started == [(sys.executable, list(sys.orig_argv))]
