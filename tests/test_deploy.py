"""What boots a center's machine into the kiosk (deploy/, scripts/install-kiosk.sh), checked without booting one.

The units go through `systemd-analyze verify` inside a staging root made by install-kiosk.sh --root
(verify wants every command a unit runs to exist: the staging root gets stand-ins for cage, xinit and
the venv's kiosk, which are not on this machine); the X session script runs under a real Xvfb.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
INSTALL = ROOT / "scripts" / "install-kiosk.sh"
SESSION = ROOT / "deploy" / "x11" / "kiosk-session"
UNITS = ("seoul-kiosk.service", "seoul-kiosk-x11.service")
KIOSK = "/opt/seoul-kiosk/venv/bin/kiosk"


def install(stage: Path, *options: str) -> subprocess.CompletedProcess:
    done = subprocess.run(["bash", str(INSTALL), "--root", str(stage), *options], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def unit_settings(path: Path) -> dict[str, list[str]]:
    """Each key of a unit file with its values in order (a key may repeat, as After= does)."""
    settings: dict[str, list[str]] = {}
    for line in path.read_text().splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, value = line.split("=", 1)
            settings.setdefault(key, []).append(value)
    return settings


def stand_in(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)


@pytest.fixture
def stage(tmp_path) -> Path:
    stage = tmp_path / "stage"
    install(stage, "--server", "https://kiosk.example.org")
    return stage


def test_install_into_a_staging_root_lays_out_the_kiosk(stage):
    units = stage / "etc/systemd/system"
    for name in UNITS:
        assert (units / name).read_text() == (ROOT / "deploy/systemd" / name).read_text()
    assert (stage / "etc/pam.d/seoul-kiosk").read_text() == (ROOT / "deploy/pam/seoul-kiosk").read_text()
    app = stage / "opt/seoul-kiosk/app"
    assert (app / "main.py").is_file() and (app / "pyproject.toml").is_file()
    assert os.access(app / "deploy/x11/kiosk-session", os.X_OK)
    assert not (app / ".venv").exists() and not (app / ".git").exists()
    assert not (stage / "opt/seoul-kiosk/venv").exists()  # a venv works only where it was built
    # Enabled: started at boot, as the display manager.
    assert os.readlink(units / "graphical.target.wants/seoul-kiosk.service") == "/etc/systemd/system/seoul-kiosk.service"
    assert os.readlink(units / "display-manager.service") == "/etc/systemd/system/seoul-kiosk.service"
    assert "KIOSK_ARGS=--server https://kiosk.example.org" in (stage / "etc/seoul-kiosk/kiosk.env").read_text().splitlines()
    exec_start = unit_settings(units / "seoul-kiosk.service")["ExecStart"]
    assert exec_start == [f"/usr/bin/cage -d -s -- {KIOSK} --data-dir /var/lib/seoul-kiosk $KIOSK_ARGS"]


def test_choosing_the_x11_session_swaps_the_enabled_unit_and_keeps_the_options(stage):
    install(stage, "--session", "x11")
    units = stage / "etc/systemd/system"
    assert os.readlink(units / "display-manager.service") == "/etc/systemd/system/seoul-kiosk-x11.service"
    assert (units / "graphical.target.wants/seoul-kiosk-x11.service").is_symlink()
    assert not (units / "graphical.target.wants/seoul-kiosk.service").exists()  # one kiosk owns tty1
    assert "KIOSK_ARGS=--server https://kiosk.example.org" in (stage / "etc/seoul-kiosk/kiosk.env").read_text()


def test_the_units_pass_systemd_analyze_verify(stage):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    # The staging root needs systemd's own units (targets the kiosk's units name) and every command
    # the units run; verify looks for them inside the root.
    shutil.copytree("/usr/lib/systemd/system", stage / "usr/lib/systemd/system", symlinks=True)
    for command in ("usr/bin/cage", "usr/bin/xinit", KIOSK.lstrip("/")):
        stand_in(stage / command)
    done = subprocess.run([analyze, "verify", "--man=no", f"--root={stage}",
                           *(f"/etc/systemd/system/{name}" for name in UNITS)],
                          capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stderr.strip()) == (0, ""), done.stderr


@pytest.mark.parametrize("name", UNITS)
def test_the_units_restart_a_frozen_or_dead_kiosk_within_limits(name):
    settings = unit_settings(ROOT / "deploy/systemd" / name)
    wanted = {
        "Type": "notify", "NotifyAccess": "all", "WatchdogSec": "30", "Restart": "always", "RestartSec": "5",
        "StartLimitIntervalSec": "600", "StartLimitBurst": "10", "User": "kiosk", "PAMName": "seoul-kiosk",
        "TTYPath": "/dev/tty1", "UtmpIdentifier": "tty1", "Conflicts": "getty@tty1.service",
        "Alias": "display-manager.service", "WantedBy": "graphical.target", "SuccessExitStatus": "75",
        "ExecStopPost": f"{KIOSK} record-exit --data-dir /var/lib/seoul-kiosk",
    }
    assert {key: settings.get(key, [""])[-1] for key in wanted} == wanted
    from kiosk.restarts import RESTART_EXIT_CODE

    assert settings["SuccessExitStatus"] == [str(RESTART_EXIT_CODE)]


def test_a_dry_run_changes_nothing(tmp_path):
    stage = tmp_path / "never-made"
    done = subprocess.run(["bash", str(INSTALL), "--dry-run", "--root", str(stage), "--session", "x11"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "would run: install -m 644 deploy/systemd/seoul-kiosk.service" in done.stdout
    assert f"would run: systemctl --root={stage} enable seoul-kiosk-x11.service" in done.stdout
    assert not stage.exists()


@pytest.mark.parametrize("options", [["--session", "gnome"], ["--server", "kiosk.example.org"], ["--frobnicate"]])
def test_wrong_options_are_refused_in_plain_words(tmp_path, options):
    done = subprocess.run(["bash", str(INSTALL), "--root", str(tmp_path / "stage"), *options],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stderr.strip()
    assert not (tmp_path / "stage" / "opt").exists()


def test_the_scripts_parse():
    for script in (INSTALL, ROOT / "scripts/setup.sh"):
        subprocess.run(["bash", "-n", str(script)], check=True, timeout=30)
    subprocess.run(["sh", "-n", str(SESSION)], check=True, timeout=30)


def test_the_x_session_turns_xs_own_blanking_off_then_becomes_the_kiosk(tmp_path):
    if not (shutil.which("Xvfb") and shutil.which("xset")):
        pytest.skip("needs Xvfb and xset (scripts/setup.sh installs them)")
    read_end, write_end = os.pipe()
    # -noreset: xinit holds a connection for the whole session; here nothing else would.
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-nolisten", "tcp", "-noreset"],
                              pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    try:
        with os.fdopen(read_end) as reader:
            display = ":" + reader.readline().strip()
        assert display != ":", "Xvfb did not start"
        fake_kiosk = tmp_path / "kiosk"
        fake_kiosk.write_text('#!/bin/sh\necho "pid=$$ args=$*"\nxset q\n')
        fake_kiosk.chmod(0o755)
        env = {**os.environ, "DISPLAY": display, "KIOSK": str(fake_kiosk), "KIOSK_DATA_DIR": "/data",
               "KIOSK_ARGS": "--server https://kiosk.example.org"}
        assert "timeout:  600" in subprocess.run(["xset", "q"], env=env, capture_output=True, text=True,
                                                 timeout=30).stdout  # X's default: blank after 10 minutes
        session = subprocess.Popen([str(SESSION)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        out, _ = session.communicate(timeout=60)
        assert f"pid={session.pid} args=--data-dir /data --server https://kiosk.example.org" in out  # exec'd
        assert "timeout:  0" in out and "prefer blanking:  no" in out
    finally:
        server.terminate()
        server.wait(timeout=30)
