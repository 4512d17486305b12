"""One city program, with a QR code to take its details home on a phone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QScrollArea, QVBoxLayout, QWidget

from ui.i18n import tr
from ui.screens.base import Screen, Spoken
from ui.widgets.big_button import BigButton
from ui.widgets.labels import text_label
from ui.widgets.qr_code import MAX_SIDE, MIN_SIDE, QrCode
from ui.widgets.scroll_list import make_flickable
from ui.widgets.sentences import SentenceLabel

FIELDS = ("audience", "schedule", "place", "how_to_apply", "phone")
COLUMN, SHORT, PORTRAIT = "column", "short", "portrait"  # where the QR code and its button go


class ProgramDetailScreen(Screen):
    """The details scroll as one area; the QR code, its hint and Listen again stay in view:
    beside the details on a landscape panel, below them on a portrait one."""

    name = "program"

    def __init__(self, services, navigator, parent=None):
        super().__init__(services, navigator, parent)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        details = QWidget()
        details.setObjectName("scrollContent")
        column = QVBoxLayout(details)
        column.setContentsMargins(0, 0, 16, 0)
        self.details_column = column
        self.summary = SentenceLabel("body")
        column.addWidget(self.summary)
        self.field_names: dict[str, object] = {}
        self.field_values: dict[str, object] = {}
        for field in FIELDS:
            # Each name above its value: side by side, a long name would squeeze the value
            # into a narrow column at the largest text size.
            name = text_label("subtitle")
            value = text_label("body")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            column.addWidget(name)
            column.addWidget(value)
            self.field_names[field] = name
            self.field_values[field] = value
        column.addStretch(1)
        self.details = make_flickable(QScrollArea(), details)
        self.body.addWidget(self.details, 3)

        self.qr = QrCode()
        self.qr_hint = text_label("body")
        self.listen = BigButton(role="secondary")
        self.listen.clicked.connect(self.nav.speak_current)
        self.take_home = QGridLayout()
        self.body.addLayout(self.take_home, 2)
        self.arrangement = ""
        self._place_take_home(COLUMN, (3, 2))
        self.root.addLayout(self.body, 1)

    def _place_take_home(self, arrangement: str, shares: tuple[int, int] = (1, 0)) -> None:
        """COLUMN: code, hint and button one above the other, right of the details.
        SHORT: right of the details, the hint above the code and the button side by side.
        PORTRAIT: below the details, the code left of the hint and the button."""
        self.body.setStretch(0, shares[0])
        self.body.setStretch(1, shares[1])
        if arrangement == self.arrangement:
            return
        self.arrangement = arrangement
        beside = arrangement != PORTRAIT
        self.body.setDirection(QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom)
        grid = self.take_home
        for widget in (self.qr, self.qr_hint, self.listen):
            grid.removeWidget(widget)
        for index in range(3):
            grid.setRowStretch(index, 0)
            grid.setColumnStretch(index, 0)
        centre, top_left = Qt.AlignmentFlag.AlignCenter, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        if arrangement == PORTRAIT:
            grid.addWidget(self.qr, 0, 0, 3, 1, centre)
            grid.addWidget(self.qr_hint, 0, 1)
            grid.addWidget(self.listen, 2, 1)
            grid.setRowStretch(1, 1)
            grid.setColumnStretch(1, 1)
            self.qr_hint.setAlignment(top_left)
        elif arrangement == SHORT:
            grid.addWidget(self.qr_hint, 0, 0, 1, 2)
            grid.addWidget(self.qr, 1, 0, centre)
            grid.addWidget(self.listen, 1, 1, Qt.AlignmentFlag.AlignVCenter)
            grid.setRowStretch(2, 1)
            grid.setColumnStretch(1, 1)
            self.qr_hint.setAlignment(top_left)
        else:
            grid.addWidget(self.qr, 0, 0, centre)
            grid.addWidget(self.qr_hint, 1, 0)
            grid.addWidget(self.listen, 2, 0)
            grid.setRowStretch(0, 1)
            self.qr_hint.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)

    def _arrange_to_fit(self) -> None:
        """Portrait panels put the take-home part below the details; landscape ones beside
        them, as a column where the code, the hint and the button fit one above the other."""
        if self.height() > self.width():
            self.qr.setMaximumSize(MAX_SIDE, MAX_SIDE)
            self.take_home.setSpacing(self.sizes.gap)
            self._place_take_home(PORTRAIT)
            return
        margins = self.root.contentsMargins()
        width = max(1, self.width() - margins.left() - margins.right())
        height = self.height() - margins.top() - margins.bottom() - self.title.heightForWidth(width) - self.root.spacing()
        room = width - self.body.spacing()
        gap = self.sizes.gap
        stacked = MIN_SIDE + gap + self.qr_hint.heightForWidth(room * 2 // 5) + gap + self.listen.sizeHint().height()
        if stacked <= height:
            self.qr.setMaximumSize(MAX_SIDE, MAX_SIDE)
            self.take_home.setSpacing(gap)
            self._place_take_home(COLUMN, (3, 2))
            return
        # Beside the button the code is as tall as the button, and the gap between them sets
        # them apart, so the hint above keeps its lines; the details give up width if the hint
        # needs it to fit in fewer lines.
        button = self.listen.sizeHint().height()
        self.qr.setMaximumSize(max(MIN_SIDE, button), max(MIN_SIDE, button))
        self.take_home.setSpacing(gap // 2)
        shares = [(1, 1), (2, 3)]
        for details, take_home in shares:
            if self.qr_hint.heightForWidth(room * take_home // (details + take_home)) + gap // 2 + button <= height:
                break
        self._place_take_home(SHORT, (details, take_home))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self._arrange_to_fit()

    def main_actions(self) -> list[QWidget]:
        return [self.qr, self.listen] if self.qr.isVisibleTo(self) else [self.listen]

    def refresh(self) -> None:
        super().refresh()
        self.body.setSpacing(self.sizes.gap * 2)
        self.details_column.setSpacing(self.sizes.gap // 2)
        program = self.services.content.program(self.params.get("program", ""))
        if program is None:
            self.title.setText(tr("This program is not available any more."))
            self.summary.set_text("")
            self.qr.setVisible(False)
            self.qr_hint.setVisible(False)
            return
        self.title.setText(self.text(program.title))
        self.summary.set_text(self.text(program.summary))
        labels = {
            "audience": tr("Who it is for"),
            "schedule": tr("When"),
            "place": tr("Where"),
            "how_to_apply": tr("How to apply"),
            "phone": tr("Phone"),
        }
        for field in FIELDS:
            self.field_names[field].setText(labels[field])
            value = getattr(program, field)
            self.field_values[field].setText(value if isinstance(value, str) else self.text(value))
        self.qr.setVisible(True)
        self.qr_hint.setVisible(True)
        self.qr.set_data(str(program.detail_url))
        self.qr_hint.setText(tr("Point your phone's camera here to take the details home."))
        self.listen.setText(tr("Listen again"))
        # The details are laid out now, not over the next event-loop turns: the first frame of
        # another program (from the list, where no style change lays everything out again)
        # showed its summary cut to the last one's height.
        self.details.widget().layout().activate()
        self._arrange_to_fit()

    def speech(self) -> list[Spoken]:
        spoken = [Spoken(self.title.text()), Spoken(self.summary.plain_text())]
        for field in FIELDS:
            spoken.append(Spoken(f"{self.field_names[field].text()}: {self.field_values[field].text()}"))
        return spoken

    def highlight(self, item_index: int, sentence_index: int) -> None:
        self.summary.highlight(sentence_index if item_index == 1 else None)

    def clear_highlight(self) -> None:
        self.summary.highlight(None)
