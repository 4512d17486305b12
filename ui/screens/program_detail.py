"""One city program, with a QR code to take its details home on a phone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from ui.i18n import tr
from ui.screens.base import Screen, Spoken
from ui.widgets.big_button import BigButton
from ui.widgets.labels import text_label
from ui.widgets.qr_code import QrCode
from ui.widgets.scroll_list import make_flickable
from ui.widgets.sentences import SentenceLabel

FIELDS = ("audience", "schedule", "place", "how_to_apply", "phone")


class ProgramDetailScreen(Screen):
    name = "program"

    def __init__(self, services, navigator, parent=None):
        super().__init__(services, navigator, parent)
        body = QHBoxLayout()
        details = QWidget()
        details.setObjectName("scrollContent")
        column = QVBoxLayout(details)
        column.setContentsMargins(0, 0, 16, 0)
        self.summary = SentenceLabel("body")
        column.addWidget(self.summary)
        grid = QGridLayout()
        grid.setVerticalSpacing(12)
        grid.setHorizontalSpacing(24)
        self.field_names: dict[str, object] = {}
        self.field_values: dict[str, object] = {}
        for row, field in enumerate(FIELDS):
            name = text_label("subtitle")
            value = text_label("body")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, row, 1)
            self.field_names[field] = name
            self.field_values[field] = value
        grid.setColumnStretch(1, 1)
        column.addLayout(grid)
        column.addStretch(1)
        body.addWidget(make_flickable(QScrollArea(), details), 3)

        qr_column = QVBoxLayout()
        self.qr = QrCode()
        qr_column.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        self.qr_hint = text_label("body")
        self.qr_hint.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        qr_column.addWidget(self.qr_hint)
        qr_column.addStretch(1)
        self.listen = BigButton(role="secondary")
        self.listen.clicked.connect(self.nav.speak_current)
        qr_column.addWidget(self.listen)
        body.addLayout(qr_column, 2)
        self.body = body
        self.root.addLayout(body, 1)

    def refresh(self) -> None:
        super().refresh()
        self.body.setSpacing(self.sizes.gap * 2)
        program = self.services.content.program(self.params.get("program", ""))
        if program is None:
            self.title.setText(tr("This program is not available any more."))
            self.summary.set_text("")
            self.qr.setVisible(False)
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
        self.qr.set_data(str(program.detail_url))
        self.qr_hint.setText(tr("Point your phone's camera here to take the details home."))
        self.listen.setText(tr("Listen again"))

    def speech(self) -> list[Spoken]:
        spoken = [Spoken(self.title.text()), Spoken(self.summary.plain_text())]
        for field in FIELDS:
            spoken.append(Spoken(f"{self.field_names[field].text()}: {self.field_values[field].text()}"))
        return spoken

    def highlight(self, item_index: int, sentence_index: int) -> None:
        self.summary.highlight(sentence_index if item_index == 1 else None)

    def clear_highlight(self) -> None:
        self.summary.highlight(None)
