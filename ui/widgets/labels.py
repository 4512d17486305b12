"""Text labels with a theme role; they wrap, and never need the visitor to scroll sideways."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

# Unicode line breaking never breaks beside a WORD JOINER (UAX #14, class WJ), and it is
# invisible; a NO-BREAK SPACE looks like the space it replaces.
WORD_JOINER = "\u2060"
NO_BREAK_SPACE = "\u00a0"


# A short last word of a CJK title ("学習所") moves down whole rather than split.
SHORT_WORD = 8


def _is_cjk(char: str) -> bool:
    return "\u3040" <= char <= "\u9fff" or "\uac00" <= char <= "\ud7af" or "\uff00" <= char <= "\uffef"


def avoid_orphan(text: str) -> str:
    """The text with its end kept together, so a wrapped title never ends with a line of one
    character ("デジタル学習" / "所"); where it fits on one line it looks as before.

    The line breaker does it (no measuring), so it holds at any width and costs nothing on a
    resize: a short last word of ideographs or Hangul is bound whole, else the last two
    characters; a last word of one letter ("Step 2") stays with the word before it.
    """
    stripped = text.rstrip()
    if len(stripped) < 3 or "\n" in stripped[-3:]:
        return text
    trailing = text[len(stripped):]
    head, _, last_word = stripped.rpartition(" ")
    if head and len(last_word) == 1:
        return head + NO_BREAK_SPACE + last_word + trailing
    if head and 2 <= len(last_word) <= SHORT_WORD and all(_is_cjk(c) for c in last_word):
        return head + " " + WORD_JOINER.join(last_word) + trailing
    if stripped[-2].isspace():
        return text
    return stripped[:-1] + WORD_JOINER + stripped[-1] + trailing


class TitleLabel(QLabel):
    """A heading that keeps its last characters together; ``text()`` is the text as given."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self._given = ""
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt naming)
        self._given = text
        super().setText(avoid_orphan(text))

    def text(self) -> str:
        return self._given


def text_label(role: str = "body", text: str = "", parent: QWidget | None = None) -> QLabel:
    label = TitleLabel(text, parent) if role == "title" else QLabel(text, parent)
    label.setProperty("role", role)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def set_role(label: QLabel, role: str) -> None:
    if label.property("role") != role:
        label.setProperty("role", role)
        label.style().unpolish(label)
        label.style().polish(label)
