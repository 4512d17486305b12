"""Start the kiosk: `kiosk` or `python main.py` (see --help)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

STARTED = time.perf_counter()


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="kiosk", description="Digital-learning kiosk for senior centers")
    parser.add_argument("--windowed", action="store_true", help="run in a normal window (development)")
    parser.add_argument("--data-dir", type=Path, help="where all state is kept (default: the user data dir)")
    parser.add_argument("--content", type=Path, help="a content pack folder to load")
    parser.add_argument("--locale", choices=("ko", "ja", "en"), help="the visitor's starting language")
    parser.add_argument("--tour", type=Path, metavar="OUTDIR", help="save a PNG of every screen to OUTDIR and exit")
    parser.add_argument("--size", default="1920x1080", help="window size for --windowed and --tour, e.g. 1280x800")
    parser.add_argument("--text-size", choices=("normal", "large", "largest"), help="the starting text size")
    parser.add_argument("--no-voice", action="store_true", help="start with voice off")
    parser.add_argument("--exit-when-ready", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["sync"]:  # `kiosk sync ...`: one sync from the shell, no window
        from kiosk.sync.cli import main as sync_main

        return sync_main(argv[1:])
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if args.tour and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk.paths import default_data_dir
    from kiosk.services import KioskServices

    app = QApplication(sys.argv[:1])
    app.setApplicationName("Seoul digital learning kiosk")
    from ui.main_thread_gc import MainThreadGarbageCollector

    garbage_collector = MainThreadGarbageCollector(app)  # noqa: F841 (owned by app)
    services = KioskServices.open(args.data_dir or default_data_dir(), args.content)
    for problem in services.problems:
        print(problem, file=sys.stderr)
    if args.locale:
        services.settings = services.settings.model_copy(update={"default_locale": args.locale})
        services.visitor.settings = services.settings
    if args.text_size:
        services.settings = services.settings.model_copy(update={"default_text_size": args.text_size})
        services.visitor.settings = services.settings
    if args.no_voice or args.tour:
        services.settings = services.settings.model_copy(update={"voice_on": False})
        services.visitor.settings = services.settings
    services.visitor.reset()

    from ui.app import build_window

    kiosk_mode = not (args.windowed or args.tour)
    window = build_window(services, kiosk_mode=kiosk_mode, voice=not args.tour, sync=not args.tour)
    width, height = (int(v) for v in args.size.lower().split("x"))
    if kiosk_mode:
        window.showFullScreen()
    else:
        window.resize(width, height)
        window.show()

    if args.tour:
        from ui.tour import run_tour

        saved = run_tour(window, args.tour)
        print(f"saved {len(saved)} screens to {args.tour}")
        return 0
    if args.exit_when_ready:
        def ready() -> None:
            print(f"READY {time.perf_counter() - STARTED:.4f}", flush=True)
            app.quit()

        QTimer.singleShot(0, ready)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
