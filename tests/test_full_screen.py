"""Full screen is the whole screen: on a bare X server, under cage, and after the screen changes.

The logic is checked with qtbot on the offscreen platform; then the real kiosk runs in kiosk mode
as a subprocess under Xvfb with no window manager (the window's geometry read with xwininfo, the
screen changed with xrandr) and under cage's headless backend (the size the compositor granted,
read from the kiosk's log: no outside tool can ask a Wayland window its size).

Xvfb has one CRTC with one fixed mode, so xrandr cannot give it a new mode. It does keep
RandR 1.5 monitors, which are what Qt makes its screens of: a monitor defined over the output
replaces the screen the kiosk is on, as a new panel would (QGuiApplication.primaryScreenChanged).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from ui.full_screen import FullScreen

ROOT = Path(__file__).resolve().parents[1]
START_UP_SECONDS = 90  # a first start migrates the database and loads the demo pack
CHANGE_SECONDS = 20
APP_CLASS = "Seoul digital learning kiosk"  # main.py's application name, the window's WM_CLASS


# The logic, on the offscreen platform ---------------------------------------------------------


@pytest.fixture
def kiosk_widget(qtbot) -> QWidget:
    widget = QWidget()
    widget.setWindowFlags(Qt.WindowType.FramelessWindowHint)
    qtbot.addWidget(widget)
    return widget


def screen_rect() -> QRect:
    return QGuiApplication.primaryScreen().geometry()


def test_show_covers_the_whole_primary_screen(qtbot, kiosk_widget):
    full_screen = FullScreen(kiosk_widget)
    full_screen.show()
    qtbot.waitExposed(kiosk_widget)
    assert kiosk_widget.geometry() == screen_rect()
    assert kiosk_widget.isFullScreen()


def test_a_change_of_screen_geometry_is_followed(qtbot, kiosk_widget):
    full_screen = FullScreen(kiosk_widget)
    full_screen.show()
    qtbot.waitExposed(kiosk_widget)
    kiosk_widget.setGeometry(10, 20, 300, 200)  # where a new resolution leaves a window
    qtbot.waitUntil(lambda: kiosk_widget.geometry() == QRect(10, 20, 300, 200), timeout=2000)
    screen = QGuiApplication.primaryScreen()
    screen.geometryChanged.emit(screen.geometry())
    qtbot.waitUntil(lambda: kiosk_widget.geometry() == screen_rect(), timeout=2000)


def test_a_new_primary_screen_is_followed(qtbot, kiosk_widget):
    full_screen = FullScreen(kiosk_widget)
    full_screen.show()
    qtbot.waitExposed(kiosk_widget)
    kiosk_widget.setGeometry(0, 0, 320, 240)
    qtbot.waitUntil(lambda: kiosk_widget.width() == 320, timeout=2000)
    QGuiApplication.instance().primaryScreenChanged.emit(QGuiApplication.primaryScreen())
    qtbot.waitUntil(lambda: kiosk_widget.geometry() == screen_rect(), timeout=2000)


def test_after_stop_the_window_stays_where_it_is(qtbot, kiosk_widget):
    full_screen = FullScreen(kiosk_widget)
    full_screen.show()
    qtbot.waitExposed(kiosk_widget)
    full_screen.stop()
    kiosk_widget.showNormal()
    kiosk_widget.setGeometry(0, 0, 320, 240)
    qtbot.waitUntil(lambda: kiosk_widget.width() == 320, timeout=2000)
    screen = QGuiApplication.primaryScreen()
    screen.geometryChanged.emit(screen.geometry())
    QGuiApplication.instance().primaryScreenChanged.emit(screen)
    assert kiosk_widget.geometry() == QRect(0, 0, 320, 240)


def test_a_minimised_kiosk_comes_back_over_the_whole_screen(qtbot, make_window):
    window = make_window(kiosk_mode=True)
    try:
        window.full_screen.show()
        window.showMinimized()
        qtbot.waitUntil(lambda: window.isFullScreen() and not window.isMinimized(), timeout=2000)
        # contains, not equals: the offscreen test screen (800 px) is narrower than the window's minimum
        assert window.geometry().contains(screen_rect())
    finally:
        window.leave_kiosk_mode()  # the lock is app-wide (cursor, key filter): later tests need it gone
    assert not window.full_screen.following


# The real kiosk on real display servers -------------------------------------------------------


def wait_for(condition: Callable[[], object], seconds: float, what: Callable[[], str]) -> object:
    """Poll until condition() is truthy; fail saying ``what()`` when the deadline passes."""
    deadline = time.monotonic() + seconds
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"not within {seconds} s: {what()}")
        time.sleep(0.1)  # polling interval only; the deadline bounds the wait


def require(*programs: str) -> None:
    missing = [program for program in programs if shutil.which(program) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (scripts/setup.sh installs them)")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def stop_group(process: subprocess.Popen) -> None:
    """Stop a process started with start_new_session=True, and everything it started."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    try:
        os.killpg(process.pid, signal.SIGKILL)  # what is left of the group once its leader is gone
    except ProcessLookupError:
        pass


@dataclass
class Kiosk:
    process: subprocess.Popen
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def tail(self) -> str:
        return "kiosk log:\n" + "\n".join(self.log_text().splitlines()[-30:])


@pytest.fixture
def run_kiosk(tmp_path: Path) -> Iterator[Callable[[dict[str, str]], Kiosk]]:
    """Start the real kiosk, in kiosk mode, on the display ``env`` names."""
    started: list[Kiosk] = []

    def start(display_env: dict[str, str]) -> Kiosk:
        env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
        env.update(display_env)
        log = tmp_path / f"kiosk-{len(started)}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [sys.executable, str(ROOT / "main.py"), "--data-dir", str(tmp_path / "data"), "--no-voice"],
                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            )
        started.append(Kiosk(process, log))
        return started[-1]

    yield start
    for kiosk in started:
        stop(kiosk.process)


# Under Xvfb, no window manager

@pytest.fixture
def start_xvfb() -> Iterator[Callable[[str], str]]:
    """Start Xvfb at ``size`` on a free display (it picks one and says which); return ':N'."""
    require("Xvfb", "xwininfo", "xrandr")
    servers: list[subprocess.Popen] = []

    def start(size: str) -> str:
        read_end, write_end = os.pipe()
        # -noreset: the server would otherwise forget its monitors each time its last client leaves.
        server = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_end), "-screen", "0", f"{size}x24", "-nolisten", "tcp", "-noreset"],
            pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        servers.append(server)
        os.close(write_end)
        with os.fdopen(read_end) as reader:
            number = reader.readline().strip()  # blocks until the server listens, or exits
        if not number:
            pytest.fail(f"Xvfb did not start (exit code {server.poll()})")
        return f":{number}"

    yield start
    for server in servers:
        stop(server)


def x(display: str, *command: str) -> str:
    return subprocess.run(command, env={**os.environ, "DISPLAY": display}, capture_output=True, text=True,
                          check=True, timeout=20).stdout


def kiosk_window_geometry(display: str) -> tuple[int, int, int, int] | None:
    """The mapped kiosk window's width, height, x, y on the root, as the X server has it."""
    for line in x(display, "xwininfo", "-root", "-tree").splitlines():
        if f'"{APP_CLASS}")' not in line:
            continue
        window_id = line.split()[0]
        info = x(display, "xwininfo", "-id", window_id)
        if "IsViewable" not in info:
            continue
        fields = dict(re.findall(r"^\s*(Absolute upper-left [XY]|Width|Height):\s*(-?\d+)", info, re.MULTILINE))
        return (int(fields["Width"]), int(fields["Height"]),
                int(fields["Absolute upper-left X"]), int(fields["Absolute upper-left Y"]))
    return None


def use_panel(display: str, width: int, height: int) -> None:
    """Make the X server's one output show as a panel of width x height (see the module docstring)."""
    mm_wide, mm_high = width * 254 // 960, height * 254 // 960  # at 96 dpi
    geometry = f"{width}/{mm_wide}x{height}/{mm_high}+0+0"
    x(display, "xrandr", "--setmonitor", f"panel-{width}x{height}", geometry, "screen")


def wait_for_window(display: str, kiosk: Kiosk, expected: tuple[int, int, int, int], seconds: float) -> None:
    def covers() -> bool:
        if kiosk.process.poll() is not None:
            pytest.fail(f"the kiosk exited with {kiosk.process.returncode}\n{kiosk.tail()}")
        return kiosk_window_geometry(display) == expected

    wait_for(covers, seconds, lambda: f"window {kiosk_window_geometry(display)} != {expected}\n{kiosk.tail()}")


def test_on_a_bare_x_server_the_kiosk_covers_the_screen(start_xvfb, run_kiosk):
    display = start_xvfb("1366x768")
    kiosk = run_kiosk({"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"})
    wait_for_window(display, kiosk, (1366, 768, 0, 0), START_UP_SECONDS)
    assert "1366x768+0+0" in x(display, "xwininfo", "-root")  # the root is this size: nothing left over


def test_on_a_bare_x_server_the_kiosk_follows_resolution_and_rotation(start_xvfb, run_kiosk):
    display = start_xvfb("1920x1920")  # room for every panel below, landscape and portrait
    use_panel(display, 1366, 768)
    kiosk = run_kiosk({"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"})
    wait_for_window(display, kiosk, (1366, 768, 0, 0), START_UP_SECONDS)
    use_panel(display, 1280, 800)
    wait_for_window(display, kiosk, (1280, 800, 0, 0), CHANGE_SECONDS)
    use_panel(display, 1080, 1920)  # the panel turned to portrait
    wait_for_window(display, kiosk, (1080, 1920, 0, 0), CHANGE_SECONDS)


# Under cage, the Wayland kiosk compositor

WINDOW = re.compile(r"window (?:drawn at )?(\d+x\d+\+\d+\+\d+)")
# cage answers a request for full screen by maximising: that state proves the compositor has
# configured the window, so a geometry logged after it is the one cage granted.
CONFIGURED = re.compile(r"window \d+x\d+\+\d+\+\d+, state WindowMaximized")
FILLING = re.compile(r"filling screen '[^']*' (\d+x\d+\+\d+\+\d+)")


@pytest.fixture
def runtime_dir() -> Iterator[Path]:
    """XDG_RUNTIME_DIR for cage: a short path (a socket's path has ~100 characters at most) that
    cage's user can reach (pytest's tmp_path is private to the user running the tests)."""
    path = Path(tempfile.mkdtemp(prefix="kiosk-wl-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_under_cage_the_kiosk_covers_the_output(tmp_path, runtime_dir, run_kiosk):
    require("cage", "Xwayland")
    runtime = runtime_dir
    as_user: list[str] = []
    if os.getuid() == 0:  # cage refuses to run as root; the kiosk, a client, may be root
        require("setpriv")
        os.chown(runtime, 65534, 65534)
        as_user = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    compositor_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(runtime),
                      "XDG_RUNTIME_DIR": str(runtime), "WLR_BACKENDS": "headless",
                      "WLR_LIBINPUT_NO_DEVICES": "1", "WLR_RENDERER": "pixman"}
    cage_log = tmp_path / "cage.log"
    with cage_log.open("wb") as out:
        # cage ends with the program it runs: "sleep" keeps it up while the kiosk connects to it.
        cage = subprocess.Popen([*as_user, "cage", "--", "sleep", "600"], env=compositor_env,
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        def compositor_up() -> bool:
            if cage.poll() is not None:
                pytest.fail(f"cage exited with {cage.returncode}: {cage_log.read_text(errors='replace')}")
            return (runtime / "wayland-0").exists()

        wait_for(compositor_up, CHANGE_SECONDS, lambda: f"no wayland-0 socket: {cage_log.read_text(errors='replace')}")
        kiosk = run_kiosk({"XDG_RUNTIME_DIR": str(runtime), "WAYLAND_DISPLAY": "wayland-0",
                           "QT_QPA_PLATFORM": "wayland"})

        def covers_the_output() -> bool:
            if kiosk.process.poll() is not None:
                pytest.fail(f"the kiosk exited with {kiosk.process.returncode}\n{kiosk.tail()}")
            log = kiosk.log_text()
            screens, windows = FILLING.findall(log), WINDOW.findall(log)
            configured = CONFIGURED.search(log) is not None
            return configured and bool(screens and windows) and windows[-1] == screens[-1] != "0x0+0+0"

        wait_for(covers_the_output, START_UP_SECONDS,
                 lambda: f"the window's last geometry is not its screen's\n{kiosk.tail()}")
    finally:
        stop_group(cage)  # cage leaves the program it ran behind when it ends
