"""`python -m kiosk.content.validate PACK_DIR`: check a content pack before publishing it."""

from __future__ import annotations

import sys

from kiosk.content import kinds
from kiosk.content.loader import ContentError, load_pack


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m kiosk.content.validate PACK_DIR", file=sys.stderr)
        return 2
    try:
        # Strict: a field the schema does not have is a typo to fix before publishing.
        pack = load_pack(args[0], strict=True)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    steps = sum(kinds.step_count(lesson) for lesson in pack.lessons)
    print(
        f"OK: {len(pack.categories)} categories, {len(pack.lessons)} lessons ({steps} steps), "
        f"{len(pack.programs)} programs, {len(pack.notices)} notices, {len(pack.media_paths())} media files"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
