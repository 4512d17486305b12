"""`python -m kiosk.content.validate PACK_DIR`: check a content pack before publishing it."""

from __future__ import annotations

import sys

from kiosk.content.loader import ContentError, load_pack


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m kiosk.content.validate PACK_DIR", file=sys.stderr)
        return 2
    try:
        pack = load_pack(args[0])
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    steps = sum(len(lesson.steps) + len(lesson.screens) for lesson in pack.lessons)
    print(
        f"OK: {len(pack.categories)} categories, {len(pack.lessons)} lessons ({steps} steps), "
        f"{len(pack.programs)} programs, {len(pack.notices)} notices, {len(pack.media_paths())} media files"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
