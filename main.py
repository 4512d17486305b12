"""Start the kiosk: `kiosk` or `python main.py` (see --help)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

STARTED = time.perf_counter()
# --exit-when-ready: the event loop is watched until the parts attached after the services
# (speech, sync, remote care) are in place and the runner has had nothing to do for this long,
# but no longer than WATCH_AT_MOST_S; KIOSK_STALL_TRACE=1 tells this many of the longest stalls.
SETTLE_AFTER_LOADED_MS = 200
SETTLE_POLL_MS = 20
WATCH_AT_MOST_S = 10
STALLS_TRACED = 3


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="kiosk", description="Digital-learning kiosk for senior centers")
    parser.add_argument("--windowed", action="store_true", help="run in a normal window (development)")
    parser.add_argument("--data-dir", type=Path, help="where all state is kept (default: the user data dir)")
    parser.add_argument("--content", type=Path, help="a content pack folder to load")
    parser.add_argument("--locale", choices=("ko", "ja", "en"), help="the visitor's starting language")
    parser.add_argument("--tour", type=Path, metavar="OUTDIR", help="save a PNG of every screen to OUTDIR and exit")
    parser.add_argument("--matrix", action="store_true",
                        help="with --tour: every panel size, text size and language, and OUTDIR/faults.txt")
    parser.add_argument("--only", metavar="KIND:ID",
                        help="with --tour: only the screens that show one item, e.g. lesson:video-call "
                             "(kinds: lesson, program, notice, category, theme)")
    parser.add_argument("--sizes", metavar="WxH,...",
                        help="with --tour: each of these panel sizes, into OUTDIR/<W>x<H>-<text size>/")
    parser.add_argument("--text-sizes", metavar="SIZE,...", help="with --tour: each of these text sizes, e.g. normal,largest")
    parser.add_argument("--size", default="1920x1080", help="window size for --windowed and --tour, e.g. 1280x800")
    parser.add_argument("--text-size", choices=("normal", "large", "largest"), help="the starting text size")
    parser.add_argument("--no-voice", action="store_true", help="start with voice off")
    parser.add_argument("--opening-hours", action="store_true",
                        help="with --windowed: close outside the center's opening hours, as kiosk mode always does")
    parser.add_argument("--server", metavar="URL",
                        help="the city's kiosk server, kept in the settings; a kiosk not yet connected to it "
                             "shows a code to enter on the admin page")
    parser.add_argument("--exit-when-ready", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["sync"]:  # `kiosk sync ...`: one sync from the shell, no window
        from kiosk.sync.cli import main as sync_main

        return sync_main(argv[1:])
    if argv[:1] == ["record-exit"]:  # systemd's ExecStopPost: keep why the kiosk ended (kiosk/restarts.py)
        from kiosk.restarts import record_exit_main

        return record_exit_main(argv[1:])
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if args.tour and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtWidgets import QApplication

    from kiosk.paths import default_data_dir
    from ui.app import Launch, start
    from ui.main_thread_gc import MainThreadGarbageCollector

    data_dir = args.data_dir or default_data_dir()
    if args.server:
        problem = save_server(data_dir, args.server)
        if problem:
            print(problem, file=sys.stderr)
            return 2

    app = QApplication(sys.argv[:1])
    app.setApplicationName("Seoul digital learning kiosk")
    garbage_collector = MainThreadGarbageCollector(app)  # noqa: F841 (owned by app)
    kiosk_mode = not (args.windowed or args.tour)
    launch = Launch(
        data_dir=data_dir,
        content=args.content,
        overrides=setting_overrides(args),
        kiosk_mode=kiosk_mode,
        voice=not args.tour,
        sync=not args.tour,
        fast_start=not args.tour,  # a tour shows the content as it is now, so it loads it first
        preview=bool(args.tour),
        opening_hours=True if args.opening_hours else None,
    )
    window = start(app, launch)
    width, height = (int(v) for v in args.size.lower().split("x"))
    if kiosk_mode:
        window.full_screen.show()  # ui/full_screen.py: the whole screen, with or without a window manager
    else:
        window.resize(width, height)
        window.show()

    if args.tour and args.matrix:
        from ui.tour import run_matrix

        shots, faults = run_matrix(window, args.tour)
        print(f"saved {shots} screens to {args.tour}; {len(faults)} layout faults (see {args.tour / 'faults.txt'})")
        return 0
    if args.tour and (args.only or args.sizes or args.text_sizes):
        from ui.tour import run_preview

        return run_preview(window, args.tour, args.only, args.sizes, args.text_sizes, args.locale)
    if args.tour:
        from ui.tour import run_tour

        saved = run_tour(window, args.tour)
        print(f"saved {len(saved)} screens to {args.tour}")
        return 0
    if args.exit_when_ready:
        report_start_up(app, window)
    from kiosk.restarts import restart_if_asked

    return restart_if_asked(app.exec())  # a remote restart in a run without systemd starts itself again


def save_server(data_dir: Path, url: str) -> str | None:
    """Keep ``--server URL`` as the kiosk's sync_server_url; a problem in plain words, or None."""
    from kiosk.paths import DataDir
    from kiosk.settings import SettingsStore

    url = url.strip()
    if not url.startswith(("https://", "http://")) or len(url) < 10:
        return f"--server needs the server's whole address, like https://kiosk.example.org, not {url!r}"
    data_dir.mkdir(parents=True, exist_ok=True)
    store = SettingsStore(DataDir(data_dir).settings)
    settings, unreadable = store.load()
    if unreadable:  # never write defaults over a file a person may still mend
        print(f"--server not saved: {unreadable}", file=sys.stderr)
    elif settings.sync_server_url != url:
        # A token belongs to the server that gave it: another server connects the kiosk anew.
        update = {"sync_server_url": url, **({"sync_token": ""} if settings.sync_server_url else {})}
        store.save(settings.model_copy(update=update))
    return None


def setting_overrides(args: argparse.Namespace) -> dict[str, object]:
    overrides: dict[str, object] = {}
    if args.locale:
        overrides["default_locale"] = args.locale
    if args.text_size:
        overrides["default_text_size"] = args.text_size
    if args.no_voice or args.tour:
        overrides["voice_on"] = False
    return overrides


def report_start_up(app, window) -> None:
    """For bench/startup.py: when Home takes touches, when everything has loaded, and the
    event loop's longest stall from Home until the start-up is over (a worker loads the services,
    then speech, sync and remote care are attached on the GUI thread: the screen must not freeze
    in any of it).

    KIOSK_STALL_TRACE=1 adds what the GUI thread was doing in the longest stalls (ui/stall_trace.py),
    as STALL lines before LOADED."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    from ui.event_turns import after_first_paint

    clock, longest, tick = QElapsedTimer(), [0], QTimer(app)
    clock.start()
    sampler = None
    if os.environ.get("KIOSK_STALL_TRACE") == "1":
        from ui.stall_trace import StallSampler

        sampler = StallSampler()

    def on_tick() -> None:
        longest[0] = max(longest[0], clock.restart())
        if sampler is not None:
            sampler.tick()

    loaded_at = [0.0]

    def loaded() -> None:
        loaded_at[0] = time.perf_counter() - STARTED
        deadline = time.perf_counter() + WATCH_AT_MOST_S
        quiet_since = [None]

        def settled() -> None:
            # Over once the parts attached after the services (ui/app.py start_extras) have been
            # made and the work they queued (the voice's warm-up...) has ended, a while ago.
            now = time.perf_counter()
            busy = window.runner.busy() or not window.extras_started
            quiet_since[0] = None if busy else (quiet_since[0] or now)
            if now > deadline or (quiet_since[0] is not None and now - quiet_since[0] > SETTLE_AFTER_LOADED_MS / 1000):
                finished()
            else:
                QTimer.singleShot(SETTLE_POLL_MS, settled)

        settled()

    def finished() -> None:
        tick.stop()
        if sampler is not None:
            sampler.stop()
            for stall in sampler.longest(STALLS_TRACED):
                print("\n".join(stall.report(since=STARTED)), flush=True)
        print(f"LOADED {loaded_at[0]:.4f} stall_ms={max(0, longest[0] - tick.interval())}", flush=True)
        app.quit()

    def ready() -> None:
        print(f"READY {time.perf_counter() - STARTED:.4f}", flush=True)
        if sampler is not None:
            sampler.start()
        tick.timeout.connect(on_tick)
        tick.start(5)
        clock.restart()
        if window.starting:
            window.services_ready.connect(loaded)
        else:  # everything was loaded first (a first start): watched the same way until it settles
            loaded()

    # Home takes touches once it is on screen. Installed after build_for's, this filter sees the
    # first paint first: READY, and the watch over the event loop, come before the worker starts.
    after_first_paint(window, ready)


if __name__ == "__main__":
    sys.exit(main())
