"""Usage today or this week: four numbers, the most used lessons and help requests by hour."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QVBoxLayout

from kiosk.guide.stats import UsageSummary, usage_summary
from ui.i18n import tr
from ui.screens.guide.common import SCROLL_BAR_GAP, Section, choice_row
from ui.widgets.charts import BarChart
from ui.widgets.labels import text_label

# Hours always shown on the hour chart (a center's day); earlier or later ones only with data.
DAY_HOURS = range(8, 20)
TILE_PADDING = 16


def hour_range(by_hour: list[int]) -> range:
    busy = [hour for hour, count in enumerate(by_hour) if count]
    return range(min([DAY_HOURS.start, *busy]), max([DAY_HOURS.stop - 1, *busy]) + 1)


class UsageSection(Section):
    def __init__(self, panel):
        super().__init__(panel)
        self.period = "today"
        self.period_row, self.period_buttons = choice_row({"today": "", "week": ""}, self.choose, 24)
        self.fixed.addLayout(self.period_row)
        self.tiles = QGridLayout()
        self._tiles: list[QFrame] = []
        self._tile_columns = 0
        self.numbers: dict[str, object] = {}
        self.captions: dict[str, object] = {}
        for index, key in enumerate(("visits", "started", "finished", "help")):
            tile = QFrame()
            tile.setProperty("role", "card")
            inner = QVBoxLayout(tile)
            inner.setContentsMargins(TILE_PADDING, 12, TILE_PADDING, 12)
            number = text_label("title")
            caption = text_label("body")
            for label in (number, caption):
                label.setAlignment(Qt.AlignmentFlag.AlignCenter)
                inner.addWidget(label)
            self._tiles.append(tile)
            self.numbers[key], self.captions[key] = number, caption
        self._arrange_tiles(2)
        self.column.addLayout(self.tiles)
        self.lessons_heading = text_label("subtitle")
        self.lessons_chart = BarChart(horizontal=True)
        self.hours_heading = text_label("subtitle")
        self.hours_chart = BarChart()
        for widget in (self.lessons_heading, self.lessons_chart, self.hours_heading, self.hours_chart):
            self.column.addWidget(widget)
        self.summary: UsageSummary | None = None

    def actions(self):
        return list(self.period_buttons.values())

    def _arrange_tiles(self, columns: int) -> None:
        if columns == self._tile_columns:
            return
        self._tile_columns = columns
        for index, tile in enumerate(self._tiles):
            self.tiles.removeWidget(tile)
            self.tiles.addWidget(tile, index // columns, index % columns)

    def _fit_tiles(self) -> None:
        """The four numbers on one row where their captions fit (landscape), else two by two,
        so the charts under them come into view sooner."""
        room = self.scroll.viewport().width() - SCROLL_BAR_GAP
        widest = max(label.fontMetrics().horizontalAdvance(label.text()) for label in self.captions.values())
        widest += 2 * TILE_PADDING + 8  # the card's border, both sides
        self._arrange_tiles(4 if 4 * widest + 3 * self.tiles.spacing() <= room else 2)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self._fit_tiles()

    def choose(self, period: str) -> None:
        self.period = period
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        s = self.panel.sizes
        self.period_row.setSpacing(s.gap)
        self.tiles.setSpacing(s.gap)
        self.period_buttons["today"].setText(tr("Today"))
        self.period_buttons["week"].setText(tr("This week"))
        for key, button in self.period_buttons.items():
            button.setChecked(key == self.period)
        settings = self.services.settings
        summary = usage_summary(
            self.services.sessions, self.period, self.panel.now(), settings.idle_seconds + settings.idle_prompt_seconds
        )
        self.summary = summary
        values = {
            "visits": (summary.visits, tr("Visits")),
            "started": (summary.lessons_started, tr("Lessons started")),
            "finished": (summary.lessons_finished, tr("Lessons finished")),
            "help": (summary.help_requests, tr("Help requests")),
        }
        for key, (value, caption) in values.items():
            self.numbers[key].setText(str(value))
            self.captions[key].setText(caption)
        self._fit_tiles()
        self.lessons_heading.setText(tr("Most used lessons"))
        bars = []
        for lesson_id, count in summary.top_lessons:
            lesson = self.services.content.card(lesson_id)  # a title is all the chart needs
            bars.append((self.panel.text(lesson.title) if lesson else lesson_id, count))
        self.lessons_chart.set_font_px(s.body)
        self.lessons_chart.set_bars(bars, tr("No lessons were started yet."))
        self.hours_heading.setText(tr("Help requests by hour"))
        hours = hour_range(summary.help_by_hour)
        self.hours_chart.set_font_px(s.body)
        # Every other hour is labelled: 24 px wide digits at 30 px need about two bars' room.
        self.hours_chart.set_bars(
            [(str(hour), summary.help_by_hour[hour]) for hour in hours], tr("No help requests."), label_every=2
        )

    def forget(self) -> None:
        self.period = "today"
        self.summary = None
        self.lessons_chart.set_bars([])
        self.hours_chart.set_bars([])
