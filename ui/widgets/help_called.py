"""The calm strip above the bottom bar after a visitor called a guide: "A guide has been
called. Please wait here." with a way to say they no longer need help.

It does not cover the screen, so the visitor can carry on with the lesson while they wait.
It stays until the request is closed (the guide's Done here, on another kiosk or on the admin
page, learned on sync) or the visitor cancels; a new visitor (an idle reset) never sees it.
Outside the guide's hours it says when a guide is next here and gives the center's phone
instead of promising help now.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QWidget

from kiosk.guide.hours import GuideClock, GuideHours, GuideWindow
from kiosk.visit_help import VisitHelp
from ui.i18n import tr
from ui.theme import INK, MIN_BODY_PX, MIN_TARGET_PX
from ui.widgets.big_button import BigButton
from ui.widgets.labels import text_label

CALM = "#E3ECF9"  # a pale blue: not the red of the help button, not guide mode's yellow


def day_name(weekday: int) -> str:
    return (tr("Monday"), tr("Tuesday"), tr("Wednesday"), tr("Thursday"), tr("Friday"),
            tr("Saturday"), tr("Sunday"))[weekday]


def days_text(hours: GuideHours | GuideWindow) -> str:
    if hours.days_are_weekdays():
        return tr("weekdays")
    return tr(", ").join(day_name(day) for day in sorted(hours.weekdays))


def hours_text(hours: GuideHours) -> str:
    """"weekdays, 10:00–16:00" or, for several windows, "Tuesday, 10:00–12:00; Thursday, 14:00–16:00"."""
    return tr("; ").join(
        tr("{days}, {start}–{end}").format(
            days=days_text(window), start=window.start.strftime("%H:%M"), end=window.end.strftime("%H:%M"))
        for window in hours.windows if window.weekdays
    )


def next_time_text(begins: dt.datetime, now: dt.datetime) -> str:
    """"today 13:00", "tomorrow 10:00" or "Monday 10:00"."""
    time = begins.strftime("%H:%M")
    days = (begins.date() - now.date()).days
    if days == 0:
        return tr("today {time}").format(time=time)
    if days == 1:
        return tr("tomorrow {time}").format(time=time)
    return tr("{day} {time}").format(day=day_name(begins.weekday()), time=time)


class HelpCalledStrip(QWidget):
    cancelled = Signal()  # the visitor no longer needs help (the request is closed already)

    def __init__(self, visit: VisitHelp, hours: GuideClock, phone: Callable[[], str],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("helpCalled")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.visit = visit
        self.hours = hours
        self._phone = phone
        self._guide_here = True  # as it was when the visitor called
        self._next: dt.datetime | None = None
        self._called_at: dt.datetime | None = None
        self.suppressed = False  # in guide mode: the guide is here, the strip is not for them
        row = QHBoxLayout(self)
        # Slim, so the screen above keeps its room: the page's own bottom margin and the bar's
        # top margin already keep the touch-target gaps to the buttons above and below.
        row.setContentsMargins(24, 4, 24, 0)
        row.setSpacing(24)
        self.label = text_label("body")
        row.addWidget(self.label, 1)
        self.cancel = BigButton(role="secondary")
        self.cancel.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.cancel.clicked.connect(self._cancel)
        row.addWidget(self.cancel)
        self.apply_sizes(MIN_BODY_PX + 2)
        self.hide()

    def apply_sizes(self, font_px: int) -> None:
        """Compact like the bottom bar at every text size (its font), so a lesson keeps the room."""
        self.setStyleSheet(
            f"QWidget#helpCalled {{ background: {CALM}; border-top: 3px solid {INK}; }}"
            f"QWidget#helpCalled QLabel {{ font-size: {font_px}px; font-weight: 700; }}"
            f"QWidget#helpCalled QPushButton {{ min-height: {MIN_TARGET_PX}px; max-height: {MIN_TARGET_PX}px;"
            f" font-size: {font_px}px; padding: 4px 20px; }}"
        )

    # What the window asks --------------------------------------------------------------------
    def called(self, screen: str, lesson_id: str | None, step: int | None) -> tuple[str, str]:
        """File (or refresh) the visit's request, show the strip, and return the confirmation's
        heading and message."""
        # Filed outside the guide's hours too: the center's other staff or the admin page may
        # see it (and counting such calls shows a center when visitors need a guide), while the
        # visitor is told plainly that nobody is coming now and how to reach the center.
        repeat = self.visit.call(screen, lesson_id, step)
        self._called_at = self.hours.clock()
        self._guide_here = self.hours.hours.is_here(self._called_at)
        self._next = None if self._guide_here else self.hours.hours.next_start(self._called_at)
        self.retranslate()
        self.refresh_state()
        if self._guide_here:
            heading = tr("A guide has already been called") if repeat else tr("A guide is coming")
            return heading, tr("Please stay here. A digital guide will come to help you soon.")
        return tr("No guide is here right now"), self._not_here_message()

    def refresh_state(self) -> None:
        """Shown while the visit's request is open; gone once anyone closed it."""
        self.setVisible(not self.suppressed and self.visit.waiting())

    def set_suppressed(self, suppressed: bool) -> None:
        self.suppressed = suppressed
        self.refresh_state()

    def forget(self) -> None:
        """A new visitor: the request stays open for the guide, but is no longer shown here."""
        self.visit.forget()
        self.hide()

    def retranslate(self) -> None:
        self.cancel.setText(tr("I no longer need help"))
        if self._guide_here:
            self.label.setText(tr("A guide has been called. Please wait here."))
            return
        when = next_time_text(self._next, self._called_at) if self._next and self._called_at else ""
        phone = self._phone()
        if when and phone:
            text = tr("No guide is here now. Next: {when}. Center phone: {phone}")
        elif when:
            text = tr("No guide is here now. Next: {when}.")
        elif phone:
            text = tr("No guide is here now. Center phone: {phone}")
        else:
            text = tr("No guide is here now.")
        self.label.setText(text.format(when=when, phone=phone))

    # Inside ----------------------------------------------------------------------------------
    def _not_here_message(self) -> str:
        hours = self.hours.hours
        lines = []
        windows = [window for window in hours.windows if window.weekdays]
        if len(windows) == 1:
            (window,) = windows
            lines.append(tr("A digital guide is here {days}, {start}–{end}.").format(
                days=days_text(window), start=window.start.strftime("%H:%M"), end=window.end.strftime("%H:%M")))
        elif windows:  # the center's several weekly times, from the city (kiosk/guide/hours.py)
            lines.append(tr("A digital guide is here {times}.").format(times=hours_text(hours)))
        if self._next is not None and self._called_at is not None:
            lines.append(tr("Next: {when}.").format(when=next_time_text(self._next, self._called_at)))
        phone = self._phone()
        if phone:
            lines.append(tr("To ask for help now, call the center: {phone}").format(phone=phone))
        return "\n".join(lines)

    def _cancel(self) -> None:
        self.visit.cancel()
        self.hide()
        self.cancelled.emit()
