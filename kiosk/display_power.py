"""Switching the panel off and on while the center is closed (issue 15, point 2).

The kiosk's closed screen goes black after some quiet minutes; where the platform offers it the
panel itself is switched off too, which saves power and the panel's backlight:

- on an X server (Qt's "xcb" platform with DISPLAY set): DPMS through ``xset`` — only when
  ``xset q`` says the server has the DPMS extension (``xset`` itself exits 0 even when it has
  not, so its exit code says nothing); DPMS is enabled first (``xset +dpms``), since a
  server started with it off ignores ``force off``, with its own timeouts off
  (``xset dpms 0 0 0``), so only the kiosk switches the panel;
- under a Wayland compositor (Qt's "wayland" platform with WAYLAND_DISPLAY set, e.g. cage):
  ``wlopm --off '*'`` / ``--on '*'`` when wlopm is installed (the wlr output power protocol);
- anywhere else (the "offscreen" platform, eglfs, no tool installed): nothing, and the black
  screen alone does it.

Standard library only, no Qt. ``off()`` and ``on()`` run commands and may wait up to a few
seconds, so the caller runs them off the GUI thread (ui/opening_watch.py uses the task
runner). They never raise: each returns a ``Switched`` saying what was used and what happened,
for the log.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

log = logging.getLogger(__name__)

COMMAND_SECONDS = 3  # a tool that does not answer in this time will not; the screen is black anyway

X11_DPMS = "x11-dpms"
WAYLAND_WLOPM = "wayland-wlopm"
NO_BACKEND = "none"

NO_DPMS = "Server does not have the DPMS Extension"
# What `xset q` prints once DPMS is there: "DPMS is Enabled" and "Monitor is On/Off/Standby".
DPMS_PRESENT = "DPMS is "


@dataclass(frozen=True)
class Switched:
    backend: str  # X11_DPMS, WAYLAND_WLOPM or NO_BACKEND
    done: bool  # the panel was switched (False: nothing to do it with, or the command failed)
    detail: str  # in plain words, for the log and the heartbeat

    def __str__(self) -> str:
        return f"{self.backend}: {self.detail}"


Runner = Callable[[Sequence[str], Mapping[str, str]], subprocess.CompletedProcess]


def _run(command: Sequence[str], env: Mapping[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(list(command), env=dict(env), capture_output=True, text=True,
                          timeout=COMMAND_SECONDS, check=False)


class DisplayPower:
    """One backend, chosen once from the platform (``choose``); ``off()``/``on()`` use it."""

    def __init__(self, backend: str, env: Mapping[str, str], tool: str | None = None, why: str = ""):
        self.backend = backend
        self.env = dict(env)
        self.tool = tool  # the full path of xset or wlopm
        self.why = why  # why this backend (or none) was chosen
        self._dpms_ready = False  # X11: DPMS is known to be there and enabled

    @classmethod
    def choose(cls, platform: str, env: Mapping[str, str] | None = None) -> DisplayPower:
        """From Qt's platform name (QGuiApplication.platformName(): "xcb", "wayland",
        "offscreen"...) and the display variables; the tools are looked for on env's PATH.
        Cheap: it runs nothing."""
        env = dict(os.environ if env is None else env)

        def search(tool: str) -> str | None:
            return shutil.which(tool, path=env.get("PATH"))
        if platform == "xcb":
            if not env.get("DISPLAY"):
                return cls(NO_BACKEND, env, why="the X platform without DISPLAY")
            tool = search("xset")
            if tool is None:
                return cls(NO_BACKEND, env, why="xset is not installed (package x11-xserver-utils)")
            return cls(X11_DPMS, env, tool, why=f"X server {env['DISPLAY']}")
        if platform.startswith("wayland"):
            if not env.get("WAYLAND_DISPLAY"):
                return cls(NO_BACKEND, env, why="the Wayland platform without WAYLAND_DISPLAY")
            tool = search("wlopm")
            if tool is None:
                return cls(NO_BACKEND, env, why="wlopm is not installed")
            return cls(WAYLAND_WLOPM, env, tool, why=f"Wayland display {env['WAYLAND_DISPLAY']}")
        return cls(NO_BACKEND, env, why=f"the {platform or 'unknown'} platform has no panel to switch")

    def describe(self) -> str:
        return f"{self.backend} ({self.why})"

    def off(self, run: Runner = _run) -> Switched:
        return self._switch(False, run)

    def on(self, run: Runner = _run) -> Switched:
        return self._switch(True, run)

    def _switch(self, on: bool, run: Runner) -> Switched:
        word = "on" if on else "off"
        try:
            if self.backend == X11_DPMS:
                return self._x11(word, run)
            if self.backend == WAYLAND_WLOPM:
                return self._checked(run([self.tool, f"--{word}", "*"], self.env), f"wlopm switched the panel {word}")
        except (OSError, subprocess.SubprocessError) as error:
            log.warning("could not switch the display %s with %s: %s", word, self.backend, error)
            return Switched(self.backend, False, f"could not switch the panel {word}: {error}")
        return Switched(NO_BACKEND, False, f"only the black screen ({self.why})")

    def _x11(self, word: str, run: Runner) -> Switched:
        if not self._dpms_ready:
            query = run([self.tool, "q"], self.env)
            if query.returncode != 0:
                return Switched(self.backend, False, f"xset q failed: {_first_line(query)}")
            if NO_DPMS in query.stdout or DPMS_PRESENT not in query.stdout:
                # Nothing to switch with: the black screen alone does it. Asked again next time,
                # which costs one quick command a day.
                return Switched(NO_BACKEND, False, f"the X server {self.env.get('DISPLAY')} has no DPMS")
            # Enabled with no timeouts of its own: with the server's defaults (ten minutes) the
            # panel would also go dark in the opening hours whenever nobody touched it for a while.
            for setting in (["+dpms"], ["dpms", "0", "0", "0"]):
                done = run([self.tool, *setting], self.env)
                if done.returncode != 0:
                    return Switched(self.backend, False, f"xset {' '.join(setting)} failed: {_first_line(done)}")
            self._dpms_ready = True
        return self._checked(run([self.tool, "dpms", "force", word], self.env), f"DPMS switched the panel {word}")

    def _checked(self, finished: subprocess.CompletedProcess, done: str) -> Switched:
        if finished.returncode != 0:
            return Switched(self.backend, False, f"{os.path.basename(finished.args[0])} failed: {_first_line(finished)}")
        return Switched(self.backend, True, done)


def _first_line(finished: subprocess.CompletedProcess) -> str:
    text = (finished.stderr or finished.stdout or "").strip()
    return text.splitlines()[0] if text else f"exit code {finished.returncode}"
