"""The center's opening hours (pure logic) and switching the panel off and on (issue 15, point 2).

The hours are checked on fixed moments (no clock is read); the panel is switched against a real
Xvfb (which has no DPMS: the backend must say so and do nothing) and against stand-in xset and
wlopm scripts on PATH that say what they were asked, for the commands where a server has DPMS.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import textwrap
from pathlib import Path

import pytest

from kiosk.content.schema import Center, WeeklyWindow
from kiosk.display_power import NO_BACKEND, WAYLAND_WLOPM, X11_DPMS, DisplayPower
from kiosk.opening_hours import BLANK_AFTER, BLANK_AFTER_WAKING, OpeningHours, next_screen
from protocol.events import ScreenState

SEOUL = dt.timezone(dt.timedelta(hours=9))
MONDAY = dt.date(2030, 12, 2)  # a Monday; its week never changes meaning


def at(days_after_monday: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(MONDAY + dt.timedelta(days=days_after_monday), dt.time(hour, minute), tzinfo=SEOUL)


def window(days: list[str], start: int, end: int) -> WeeklyWindow:
    return WeeklyWindow(days=days, start=dt.time(start), end=dt.time(end))


def center(open_times: list[WeeklyWindow], phone: str = "02-3423-5000") -> Center:
    name = {"ko": "강남구립노인복지관", "ja": "江南区立老人福祉館", "en": "Gangnam Senior Welfare Center"}
    return Center(id="gangnam-senior", district="gangnam", name=name, address=name, opening_hours=name,
                  phone=phone, open_times=open_times)


# Tuesday to Saturday 10-18, but Saturday only in the morning: closed Sunday and Monday.
CENTER_HOURS = OpeningHours.of(center([
    window(["tue", "wed", "thu", "fri"], 10, 18),
    window(["sat"], 10, 13),
]))


@pytest.mark.parametrize(
    ("moment", "is_open"),
    [
        (at(0, 11), False),  # Monday: closed all day
        (at(1, 9, 59), False),
        (at(1, 10), True),  # the start is in the hours
        (at(3, 17, 59), True),
        (at(3, 18), False),  # the end is not
        (at(5, 12, 59), True),  # Saturday morning
        (at(5, 13), False),
        (at(6, 11), False),  # Sunday
        (at(2, 22), False),
    ],
)
def test_open_only_inside_the_center_s_windows(moment, is_open):
    assert CENTER_HOURS.is_open(moment) is is_open
    assert not CENTER_HOURS.always_open


@pytest.mark.parametrize(
    ("moment", "opens", "days_ahead"),
    [
        (at(1, 8), at(1, 10), 0),  # early: later today
        (at(1, 22), at(2, 10), 1),  # after closing: tomorrow
        (at(2, 0, 30), at(2, 10), 0),  # after midnight it is today's opening
        (at(5, 13), at(8, 10), 3),  # Saturday noon: across the weekend and the closed Monday
        (at(6, 9), at(8, 10), 2),  # Sunday
        (at(0, 11), at(1, 10), 1),  # Monday: tomorrow
    ],
)
def test_the_next_opening_is_the_first_start_after_now(moment, opens, days_ahead):
    assert CENTER_HOURS.next_opening(moment) == opens
    assert CENTER_HOURS.next_change(moment) == opens
    reopening = CENTER_HOURS.reopening(moment)
    assert (reopening.at, reopening.days_ahead, reopening.weekday) == (opens, days_ahead, opens.weekday())
    assert reopening.time_text == "10:00" and reopening.at.tzinfo is SEOUL


def test_while_open_it_closes_at_the_end_and_opens_again_after_it():
    assert CENTER_HOURS.closes_at(at(3, 12)) == at(3, 18)
    assert CENTER_HOURS.next_change(at(3, 12)) == at(3, 18)
    assert CENTER_HOURS.next_opening(at(3, 12)) == at(4, 10), "tomorrow's, not the one under way"
    assert CENTER_HOURS.closes_at(at(5, 11)) == at(5, 13)
    assert CENTER_HOURS.closes_at(at(3, 20)) is None, "closed now: nothing to close"


def test_windows_that_touch_are_one_stretch_and_none_runs_overnight():
    hours = OpeningHours.of(center([window(["mon"], 9, 12), window(["mon"], 12, 21), window(["tue"], 9, 12)]))
    assert hours.is_open(at(0, 12))
    assert hours.closes_at(at(0, 10)) == at(0, 21), "no closing for no time at noon"
    assert hours.next_opening(at(0, 10)) == at(1, 9)
    # A window cannot run past midnight (it would end before it starts): late evening is closed.
    with pytest.raises(ValueError, match="ends"):
        window(["fri"], 22, 2)
    assert not hours.is_open(at(0, 23, 30)) and hours.next_opening(at(0, 23, 30)) == at(1, 9)


@pytest.mark.parametrize("without", [center([]), None, object()], ids=["no-open-times", "no-center", "snapshot"])
def test_a_center_without_hours_is_always_open(without):
    hours = OpeningHours.of(without)
    assert hours.always_open
    for moment in (at(0, 3), at(2, 12), at(6, 23, 59)):
        assert hours.is_open(moment)
        assert hours.next_opening(moment) is None and hours.closes_at(moment) is None
        assert hours.next_change(moment) is None and hours.reopening(moment) is None


def test_the_closed_screen_waits_for_the_visitor_and_the_display_rests_after_quiet_minutes():
    quiet = dt.timedelta(0)
    def plan(showing, idle=True, quiet=quiet, woken=False, open_now=False):
        return next_screen(open_now=open_now, showing=showing, visitor_idle=idle, quiet=quiet, woken=woken)

    assert plan(ScreenState.OPEN, idle=False) is ScreenState.OPEN, "a lesson is never cut off"
    assert plan(ScreenState.OPEN, idle=True) is ScreenState.CLOSED
    assert plan(ScreenState.CLOSED, quiet=BLANK_AFTER - dt.timedelta(seconds=1)) is ScreenState.CLOSED
    assert plan(ScreenState.CLOSED, quiet=BLANK_AFTER) is ScreenState.BLANK
    assert plan(ScreenState.CLOSED, quiet=BLANK_AFTER_WAKING, woken=True) is ScreenState.BLANK
    assert BLANK_AFTER_WAKING < BLANK_AFTER
    assert plan(ScreenState.BLANK, quiet=dt.timedelta(hours=9)) is ScreenState.BLANK, "only a touch wakes it"
    for showing in ScreenState:
        assert plan(showing, open_now=True, idle=False) is ScreenState.OPEN


# Switching the panel ------------------------------------------------------------------------------
def test_the_backend_follows_the_platform_and_the_tools_there_are(tmp_path):
    tools = fake_tools(tmp_path)
    path = {"PATH": tools.path}
    assert DisplayPower.choose("xcb", {**path, "DISPLAY": ":9"}).backend == X11_DPMS
    assert DisplayPower.choose("wayland", {**path, "WAYLAND_DISPLAY": "wayland-1"}).backend == WAYLAND_WLOPM
    assert DisplayPower.choose("wayland-egl", {**path, "WAYLAND_DISPLAY": "wayland-1"}).backend == WAYLAND_WLOPM
    nothing = [
        DisplayPower.choose("offscreen", {**path, "DISPLAY": ":9", "WAYLAND_DISPLAY": "wayland-1"}),
        DisplayPower.choose("xcb", path),  # no DISPLAY
        DisplayPower.choose("wayland", path),  # no WAYLAND_DISPLAY
        DisplayPower.choose("xcb", {"PATH": str(tmp_path / "empty"), "DISPLAY": ":9"}),  # no xset
        DisplayPower.choose("wayland", {"PATH": str(tmp_path / "empty"), "WAYLAND_DISPLAY": "w"}),  # no wlopm
    ]
    assert [power.backend for power in nothing] == [NO_BACKEND] * len(nothing)
    assert "xset is not installed" in nothing[3].why and "wlopm is not installed" in nothing[4].why
    for power in nothing:
        switched = power.off()
        assert not switched.done and "only the black screen" in switched.detail
    assert tools.calls() == [], "nothing was run"


@pytest.fixture
def xvfb():
    """A real X server on a display it picks itself, stopped after the test."""
    if not Path("/usr/bin/Xvfb").exists():
        pytest.skip("Xvfb is not installed")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-nolisten", "tcp"],
                              pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as reader:
        number = reader.readline().strip()  # blocks until it listens, or has exited
    try:
        assert number, f"Xvfb did not start (exit code {server.poll()})"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_an_x_server_without_dpms_is_left_alone(xvfb):
    env = {**os.environ, "DISPLAY": xvfb}
    power = DisplayPower.choose("xcb", env)
    assert power.backend == X11_DPMS and xvfb in power.why
    query = subprocess.run(["xset", "q"], env=env, capture_output=True, text=True, timeout=10).stdout
    if "Server does not have the DPMS Extension" not in query:
        # An Xvfb built with DPMS: the panel really goes off and on, read back from the server.
        assert power.off().done
        assert "Monitor is Off" in subprocess.run(["xset", "q"], env=env, capture_output=True, text=True).stdout
        assert power.on().done
        assert "Monitor is On" in subprocess.run(["xset", "q"], env=env, capture_output=True, text=True).stdout
        return
    for switch in (power.off, power.on):
        switched = switch()
        assert (switched.backend, switched.done) == (NO_BACKEND, False)
        assert f"the X server {xvfb} has no DPMS" == switched.detail
    # It did nothing to the server: still no DPMS, still answering.
    assert "Server does not have the DPMS Extension" in subprocess.run(
        ["xset", "q"], env=env, capture_output=True, text=True, timeout=10).stdout


class FakeTools:
    """xset and wlopm stand-ins: each call is a line in a log; xset q prints ``query``."""

    def __init__(self, root: Path):
        self.bin = root / "bin"
        self.path = f"{self.bin}{os.pathsep}/usr/bin{os.pathsep}/bin"  # the scripts' own sh and cat
        self.log = root / "calls.log"
        self.query = root / "xset-q.txt"

    def calls(self) -> list[str]:
        return self.log.read_text().splitlines() if self.log.exists() else []


def fake_tools(root: Path, query: str = "DPMS (Energy Star):\n  Standby: 600\n  DPMS is Disabled\n",
               fail: str = "") -> FakeTools:
    tools = FakeTools(root)
    tools.bin.mkdir(parents=True, exist_ok=True)
    tools.query.write_text(query)
    for name in ("xset", "wlopm"):
        script = tools.bin / name
        script.write_text(textwrap.dedent(f"""\
            #!/bin/sh
            echo "{name} $*" >> "{tools.log}"
            if [ "{name} $*" = "{fail}" ]; then echo "could not do it" >&2; exit 1; fi
            if [ "{name} $1" = "xset q" ]; then cat "{tools.query}"; fi
            if [ "{name} $1" = "wlopm sleep" ]; then sleep 30; fi
            exit 0
            """))
        script.chmod(0o755)
    return tools


def test_dpms_is_enabled_once_then_forced_off_and_on(tmp_path):
    tools = fake_tools(tmp_path)
    power = DisplayPower.choose("xcb", {"PATH": tools.path, "DISPLAY": ":9"})
    off = power.off()
    assert (off.backend, off.done, off.detail) == (X11_DPMS, True, "DPMS switched the panel off")
    assert power.on().done and power.off().done
    assert tools.calls() == ["xset q", "xset +dpms", "xset dpms 0 0 0", "xset dpms force off", "xset dpms force on", "xset dpms force off"]


def test_wlopm_switches_every_output(tmp_path):
    tools = fake_tools(tmp_path)
    power = DisplayPower.choose("wayland", {"PATH": tools.path, "WAYLAND_DISPLAY": "wayland-1"})
    assert power.off().detail == "wlopm switched the panel off"
    assert power.on().done
    assert tools.calls() == ["wlopm --off *", "wlopm --on *"]


def test_a_failing_or_hanging_tool_is_reported_never_raised(tmp_path, monkeypatch):
    tools = fake_tools(tmp_path, fail="xset dpms force off")
    power = DisplayPower.choose("xcb", {"PATH": tools.path, "DISPLAY": ":9"})
    failed = power.off()
    assert (failed.done, failed.detail) == (False, "xset failed: could not do it")

    hanging = DisplayPower.choose("wayland", {"PATH": tools.path, "WAYLAND_DISPLAY": "w"})
    monkeypatch.setattr("kiosk.display_power.COMMAND_SECONDS", 0.2)
    timed_out = hanging._switch(False, lambda command, env: subprocess.run(
        [command[0], "sleep"], env=dict(env), capture_output=True, timeout=0.2))
    assert not timed_out.done and "could not switch the panel off" in timed_out.detail

    gone = DisplayPower(X11_DPMS, {"DISPLAY": ":9"}, str(tmp_path / "missing-xset"), why="test")
    assert not gone.off().done, "a tool removed since it was found"
