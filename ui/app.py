"""The composition root: the one place that builds the kiosk's parts and wires them together.

From the data dir and settings it builds the task runner, the guide's messages, the services
(storage, content, settings, help desk, usage: kiosk/services.py), speech and sync, and the
window; screens receive services and construct none. The boot policy lives here too: a kiosk
that has started before draws Home from its snapshot at once and loads the rest on the runner;
a first start, a new pack or a tour loads everything first.
"""

from __future__ import annotations

import dataclasses
import gc
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk import messages as guide
from kiosk.boot import BootServices, read_snapshot
from kiosk.interfaces import HomeServices
from kiosk.messages import GuideMessages
from kiosk.paths import DataDir
from kiosk.vitals import Vitals
from protocol.events import RestartReason
from protocol.sync_status import REFUSED_STATUSES
from ui.event_turns import after_first_paint, import_if_there, import_modules, one_per_turn
from ui.main_window import MainWindow
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from kiosk.services import KioskServices
    from ui.speech import SpeechController
    from ui.sync_worker import OnboardingController, SyncController

log = logging.getLogger(__name__)

SPEECH_CACHE_BYTES = 200 * 1024 * 1024
SPEECH_WARM_LOCALES = ("ko", "ja", "en")
BOOT_LANE = "boot"


@dataclass(frozen=True)
class Launch:
    """What this run was asked for (main.py builds it from the command line)."""

    data_dir: Path
    content: Path | None = None
    overrides: dict[str, Any] = field(default_factory=dict)  # settings for this run only
    kiosk_mode: bool = True
    voice: bool = True
    sync: bool = True
    fast_start: bool = True  # Home from the snapshot when there is one
    # The closed screen outside the center's hours: always in kiosk mode, in a window on request.
    opening_hours: bool | None = None
    preview: bool = False  # a tour: nothing it does is recorded, filed or uploaded


def begin_run(app: QApplication, data_dir: Path, runner: TaskRunner) -> Vitals:
    """This run's vitals (uptime counts from here), and why the last run ended, noted in the
    restart log (on the runner: it syncs its files to disk, which the first Home need not wait for)."""
    from kiosk.restarts import RestartLog

    restart_log = RestartLog(data_dir)
    runner.run(restart_log.begin_run)
    app.aboutToQuit.connect(restart_log.clean_exit)  # a crash or a kill leaves the marker behind
    return Vitals.of_run(restart_log)


def restart_kiosk(window: MainWindow, reason: str) -> None:
    """Remote care's restart: say why for the next run, then end this one with the exit code the
    service manager (or main.py, without one) starts the kiosk again on."""
    from kiosk.restarts import RESTART_EXIT_CODE

    restart_log = window.vitals.restart_log if window.vitals is not None else None
    if restart_log is not None:
        restart_log.end_run(RestartReason.REMOTE, reason)
    QApplication.instance().exit(RESTART_EXIT_CODE)


def open_services(launch: Launch, messages: GuideMessages) -> KioskServices:
    """The full services with this run's choices on top of the saved settings (any thread)."""
    from kiosk.services import KioskServices

    services = KioskServices.open(launch.data_dir, launch.content, messages, preview=launch.preview)
    if launch.overrides:
        services.use_settings(services.settings.model_copy(update=launch.overrides))
    services.visitor.reset()
    return services


def start(app: QApplication, launch: Launch) -> MainWindow:
    """Build everything for ``launch``; the window is returned before it is shown."""
    window = build_for(app, launch)
    if not launch.preview:
        from ui.watchdog import install_watchdog

        quit_on_termination(app)
        window.watchdog = install_watchdog(window)  # READY=1 and pings for systemd (deploy/systemd/)
    return window


def build_for(app: QApplication, launch: Launch) -> MainWindow:
    """The window for ``launch``: from the Home snapshot with the rest loading on the runner, or
    with everything loaded first (a first start, a new pack, a tour)."""
    runner = TaskRunner(app)
    app.aboutToQuit.connect(runner.shutdown)
    vitals = Vitals.starting_now() if launch.preview else begin_run(app, launch.data_dir, runner)
    messages = GuideMessages()
    snapshot = read_snapshot(launch.data_dir) if launch.fast_start and launch.content is None else None
    if snapshot is None:
        sync = launch.sync and not launch.preview
        return build_window(open_services(launch, messages), launch.kiosk_mode, launch.voice, sync, runner, vitals,
                            launch.opening_hours)

    launch.data_dir.mkdir(parents=True, exist_ok=True)
    settings = dataclasses.replace(snapshot.settings, **launch.overrides)
    boot = BootServices.from_snapshot(launch.data_dir, dataclasses.replace(snapshot, settings=settings), messages)
    window = build_window(boot, launch.kiosk_mode, launch.voice, launch.sync, runner, vitals, launch.opening_hours)

    def failed(error: Exception) -> None:
        print(f"The kiosk could not start: {type(error).__name__}: {error}", file=sys.stderr)
        app.exit(1)

    # Once Home has been painted: the worker then never competes with drawing it. (A task queued
    # from the event loop's first round started before the paint, and the worker, holding Python's
    # lock, made each of the paint's calls into Python wait its turn: 60-140 ms with a catalog.)
    after_first_paint(window, lambda: runner.run(lambda: open_services(launch, messages), window.attach_services,
                                                 failed, lane=BOOT_LANE))
    return window


def quit_on_termination(app: QApplication) -> None:
    """systemd stops the kiosk with SIGTERM (and a developer with Ctrl+C): quit the event loop, so
    the run closes as a stop (kiosk/restarts.py), not as a crash. Python runs a signal handler only
    when the interpreter next runs, which an idle Qt loop never does; the wakeup fd, watched by a
    socket notifier, brings it there at once."""
    import signal
    import socket

    from PySide6.QtCore import QSocketNotifier

    reader, writer = socket.socketpair()
    for end in (reader, writer):
        end.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: app.quit())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)
    notifier.activated.connect(lambda *_: reader.recv(64))
    app._termination = (reader, writer, notifier)  # alive as long as the app


def build_window(
    services: HomeServices,
    kiosk_mode: bool = True,
    voice: bool = True,
    sync: bool = True,
    runner: TaskRunner | None = None,
    vitals: Vitals | None = None,
    opening_hours: bool | None = None,
) -> MainWindow:
    """The window over real services, or over the Home snapshot until MainWindow.attach_services.
    ``opening_hours``: the closed screen outside the center's hours (default: in kiosk mode; a
    developer's window stays open at night unless asked)."""
    window = MainWindow(services, kiosk_mode=kiosk_mode, runner=runner)
    window.vitals = vitals if vitals is not None else Vitals.starting_now()
    window.guide_alert.audible = not services.preview
    runner = window.runner
    watch_hours = (kiosk_mode if opening_hours is None else opening_hours) and not services.preview

    use_sync = sync and not services.preview
    qt_modules, python_modules = extra_modules(watch_hours, voice, use_sync)

    def start_extras() -> None:
        # Last, gc.freeze(): what the start made (modules, content, widgets) lives as long as the
        # kiosk, and left among the collected it made each full collection (ui/main_thread_gc.py)
        # hold the GUI thread 75-115 ms; frozen, collections look only at what came after.
        steps: list[Callable[[], None]] = []
        if watch_hours:  # never in a tour: it shows every screen, whatever the hour
            steps.append(lambda: watch_opening_hours(window, runner))
        if voice:
            steps.append(lambda: window.attach_speech(build_speech(window.services, runner)))
        if use_sync and not window.services.preview:
            steps.append(lambda: start_sync(window.services, window, runner))
            steps.append(lambda: start_onboarding(window.services, window, runner))
            steps.append(lambda: start_remote_care(window, runner))
        steps.append(lambda: setattr(window, "extras_started", True))
        one_per_turn(steps + window.build_ahead() + [gc.freeze], window)

    def import_then_start_extras() -> None:
        # The parts attached after Home (speech, sync, remote care, the opening watch) bring
        # modules that froze the GUI thread for 50-100 ms when imported there: the Python ones
        # (the speech engine, requests, the sync modules...) are imported on the runner first.
        # Qt's own (Qt Multimedia, QML, and ui.speech over them) are imported on the GUI thread
        # after that, one a turn, so the two never compete: loaded on a worker, Qt Multimedia
        # crashed the kiosk (its start-up code runs where it is loaded). A module that cannot be
        # imported fails again in start_extras, where it always was reported.
        runner.run(lambda: import_modules(python_modules), lambda _: import_qt_then_start(),
                   lambda _: import_qt_then_start(), lane=BOOT_LANE)

    def import_qt_then_start() -> None:
        one_per_turn([*(lambda name=name: import_if_there(name) for name in qt_modules), start_extras], window)

    # From the event loop, after Home has been drawn (or the real services have been attached).
    if window.starting:
        window.services_ready.connect(lambda: QTimer.singleShot(0, window, import_then_start_extras))
    else:
        QTimer.singleShot(0, window, import_then_start_extras)
    return window


def extra_modules(watch_hours: bool, voice: bool, sync: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The modules behind the parts attached after Home (start_extras): (Qt's and those over them,
    to import on the GUI thread; the others, to import on the runner before those)."""
    qt_modules: list[str] = []
    python_modules: list[str] = ["segno"]  # the programs' QR codes (ui/widgets/qr_code.py), 30 ms to import
    if watch_hours:
        python_modules.append("ui.opening_watch")
    if voice:
        qt_modules += ["PySide6.QtMultimedia", "PySide6.QtQml", "ui.speech"]
        python_modules.append("kiosk.speech")
    if sync:
        python_modules += ["ui.sync_worker", "kiosk.sync.onboarding", "ui.remote_care"]
    return tuple(qt_modules), tuple(python_modules)


def start_remote_care(window: MainWindow, runner: TaskRunner) -> None:
    """Sync now, restart, screenshot and messages from the admin page (once connected)."""
    from ui.remote_care import install_remote_care

    window.remote_care = install_remote_care(window, runner, restart=lambda reason: restart_kiosk(window, reason))


def watch_opening_hours(window: MainWindow, runner: TaskRunner) -> None:
    """The closed screen outside the center's hours; what shows goes into the heartbeat."""
    from ui.opening_watch import install_opening_watch

    window.opening_watch = install_opening_watch(window, runner=runner)

    def tell_vitals(state: str) -> None:
        window.vitals.screen_state = state

    window.opening_watch.state_changed.connect(tell_vitals)


def build_speech(services: KioskServices, runner: TaskRunner) -> SpeechController:
    from kiosk.speech import SpeechService
    from ui.speech import SPEECH_LANE, SpeechController

    settings = services.settings
    cache_dir = DataDir(services.data_dir).speech_cache
    service = SpeechService(cache_dir, SPEECH_CACHE_BYTES)
    controller = SpeechController(
        service,
        runner=runner,
        rate_step=settings.voice_rate_step,
        volume=settings.voice_volume,
        enabled=services.visitor.voice_on,
        warm_locales=(),  # warmed up below, once the controller's Qt parts are made
    )
    # Started only now, the engine's start-up never competes with making the player above; and
    # the kanji table goes in first, or converting Japanese would read pykakasi's whole dictionary,
    # freezing the GUI thread 40-70 ms (kiosk/speech/kanji_table.py).
    runner.run(lambda: warm_up_speech(service, cache_dir), lane=SPEECH_LANE, urgent=False)
    controller.unavailable.connect(
        lambda locale: services.messages.report(
            guide.VOICE_MISSING, key=f"{guide.VOICE_MISSING}:{locale}", detail="\n".join(service.problems), locale=locale
        )
    )
    QApplication.instance().aboutToQuit.connect(controller.shutdown)
    return controller


def warm_up_speech(service, cache_dir: Path) -> None:
    """The engine started and what the first request would wait for loaded (on the speech lane).
    The kanji table only where Japanese is converted to kana for espeak-ng (SpeechService.engine_text)."""
    engine = service.engine()
    if getattr(engine, "name", None) == "espeak" and service.voice_for("ja") is not None:
        from kiosk.speech.kanji_table import install

        install(cache_dir)
    service.warm_up(SPEECH_WARM_LOCALES)


def start_sync(services: KioskServices, window: MainWindow, runner: TaskRunner) -> SyncController | None:
    """Background sync from the kiosk's settings; None when no server is configured."""
    from ui.sync_worker import controller_for

    controller = controller_for(services, runner, window.vitals)
    if controller is None:
        return None
    controller.finished.connect(lambda result: tell_guide_about_sync(services, result))
    window.attach_sync(controller)
    QApplication.instance().aboutToQuit.connect(controller.stop)
    controller.start()
    return controller


def start_onboarding(services: KioskServices, window: MainWindow, runner: TaskRunner,
                     poll_ms: int | None = None, retry_ms: int = 5000) -> OnboardingController | None:
    """Connecting by a code, for a kiosk with a server in its settings: at once on its screen
    when it has no token yet, else behind the guide panel's "Connect this kiosk" (a kiosk the
    admin page removed, or one the server does not know). None without a server."""
    from kiosk.sync.onboarding import Onboarding, needs_connecting
    from ui.sync_worker import OnboardingController

    settings = services.settings
    if not settings.sync_server_url:
        return None
    controller = OnboardingController(Onboarding(settings.sync_server_url), runner, poll_ms=poll_ms,
                                      retry_ms=retry_ms, parent=window)
    controller.connected.connect(lambda answer: connected(services, window, runner, answer))
    QApplication.instance().aboutToQuit.connect(controller.stop)
    window.attach_onboarding(controller, first=needs_connecting(settings))
    return controller


def connected(services: KioskServices, window: MainWindow, runner: TaskRunner, answer) -> None:
    """Keep what the server delivered, and sync with it now (relay and sync use the new token)."""
    from kiosk.sync.onboarding import connected_settings

    window.apply_settings(connected_settings(services.settings, answer))
    if window.sync_controller is not None:
        window.sync_controller.stop(wait_ms=0)  # its token is the old one, if any
    services.messages.resolve(guide.KIOSK_REFUSED)
    controller = start_sync(services, window, runner)
    if controller is not None:
        controller.sync_now()


def tell_guide_about_sync(services: KioskServices, result: object) -> None:
    """A failing sync is told once, until one succeeds; fields a newer server added, once each;
    a kiosk the server refuses, in the server's own words. A move to another center on the
    admin page is kept in the settings."""
    if isinstance(result, Exception):
        services.messages.report(guide.SYNC_FAILED, error=f"{type(result).__name__}: {result}")
        return
    if getattr(result, "moved_to_center", None) is not None:
        services.save_settings(services.settings.model_copy(update={"sync_center": result.moved_to_center}))
    if result.status in REFUSED_STATUSES:
        services.messages.report(guide.KIOSK_REFUSED, status=result.status, detail=result.message)
        return
    if not result.ok:
        services.messages.report(guide.SYNC_FAILED, error=result.message)
        return
    services.messages.resolve(guide.SYNC_FAILED)
    services.messages.resolve(guide.KIOSK_REFUSED)
    services.tell_ignored_fields(result.notes)
