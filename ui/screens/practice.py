"""Safe practice: tap through drawn mock screens (a kiosk, a ticket machine, a phone).

One task per mock screen ("Tap Order here"), written big beside the picture and read aloud.
A tap on the right place moves on; a tap elsewhere, or no touch for a while, gives a gentle
spoken hint and makes the right place glow. At the end: praise, the time taken and the number
of hints, with "Do it again" and "Choose another lesson". Nothing the visitor taps is real.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, QTimer
from PySide6.QtWidgets import QScrollArea, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from kiosk.content.kinds import screen_for, step_count
from kiosk.content.schema import Lesson, PracticeScreen as PracticeStep
from ui.i18n import tr
from ui.screens.base import Screen, Spoken
from ui.widgets.action_row import ActionRow
from ui.widgets.big_button import BigButton
from ui.widgets.labels import set_role, text_label
from ui.widgets.scroll_list import make_flickable
from ui.widgets.sentences import SentenceLabel
from ui.widgets.tap_target import TapPicture
from ui.widgets.task_layout import TaskPage

# Without a touch for this long, the visitor gets the hint (tests make it short).
HINT_DELAY_MS = 10_000
MIN_FINISH_WORDS_PX = 100


class PracticeScreen(Screen):
    name = "practice"

    def __init__(
        self,
        services,
        navigator,
        parent=None,
        clock: Callable[[], float] = time.monotonic,
        hint_delay_ms: int = HINT_DELAY_MS,
    ):
        super().__init__(services, navigator, parent)
        self.clock = clock  # seconds; the time taken shown at the end comes from it
        self.hint_delay_ms = hint_delay_ms  # read at each (re)start of the "no touch" timer
        self._shown: tuple[str, int] | None = None  # (lesson, task) whose mock screen is loaded
        self.lesson: Lesson | None = None
        self.step_index = 0
        self.hints = 0
        self.started_at = 0.0
        self.elapsed = 0.0
        self.finished = False
        self._reading = "task"  # what the voice is reading: "task", "hint" or "finish"

        self.counter = self.add_counter_beside_title()
        # On a step the step's words lead; the lesson's name above them is a heading the size of
        # the counter beside it, so a long name does not take two lines of a small panel.
        set_role(self.title, "subtitle")

        self.pages = QStackedWidget()
        self.root.addWidget(self.pages, 1)

        # The task page: the task, its hint, "Listen again" and the mock screen, all on view
        # whatever the panel and text size (ui/widgets/task_layout.py).
        self.task_text = SentenceLabel("subtitle")
        # The hint is as large and as bold as the task: it is what helps when the task did not.
        self.hint_text = SentenceLabel("hint")
        # Its padding as margins, not in the style sheet: QLabel measures a style-sheet padding
        # twice over and would ask for a line more than it draws.
        self.hint_text.setContentsMargins(12, 6, 12, 6)
        self.hint_text.hide()
        self.listen = BigButton(role="secondary")
        self.listen.clicked.connect(self._listen_again)
        self.picture = TapPicture()
        self.picture.hit.connect(self._on_hit)
        self.picture.missed.connect(self._on_missed)
        self.picture.touched.connect(self._restart_hint_timer)
        self.task_page = TaskPage(self.task_text, self.hint_text, self.listen, self.picture)
        self.pages.addWidget(self.task_page)

        # The finish page: its words scroll if they must (largest text, small panel); its
        # buttons stay below them.
        self.finish_page = QWidget()
        done = QVBoxLayout(self.finish_page)
        done.setContentsMargins(0, 0, 0, 0)
        words = QWidget()
        words.setObjectName("scrollContent")
        self.finish_words = QVBoxLayout(words)
        self.finish_words.setContentsMargins(0, 0, 0, 0)
        self.praise = text_label("subtitle")
        self.time_taken = text_label("body")
        self.hint_count = text_label("body")
        self.encouragement = text_label("body")
        for label in (self.praise, self.time_taken, self.hint_count, self.encouragement):
            self.finish_words.addWidget(label)
        self.finish_words.addStretch(1)
        finish_area = make_flickable(QScrollArea(), words)
        # Not the scroll area's own larger minimum: a hidden page's minimum still counts in the
        # window's stack of screens, and could make it outgrow a small panel.
        finish_area.setMinimumHeight(MIN_FINISH_WORDS_PX)
        done.addWidget(finish_area, 1)
        self.again = BigButton(role="secondary")
        self.another = BigButton(role="primary")
        self.again.clicked.connect(self.practice_again)
        self.another.clicked.connect(self._choose_another)
        self.finish_buttons = ActionRow((self.again, self.another))
        done.addWidget(self.finish_buttons)
        self.done = done
        self.pages.addWidget(self.finish_page)

        self.hint_timer = QTimer(self)
        self.hint_timer.setSingleShot(True)
        self.hint_timer.timeout.connect(self.on_hint_timeout)

    # Entering and moving on ----------------------------------------------------------------
    def enter(self, **params) -> None:
        lesson = self.services.content.lesson(params.get("lesson", ""))
        if lesson is not None and screen_for(lesson) != self.name:
            lesson = None
        step = int(params.get("step", 0))
        same = self.lesson is not None and lesson is not None and self.lesson.id == lesson.id
        # Back brings the params this screen kept (with "hints"); anything else is a new visit.
        returning = "hints" in params
        self.lesson = lesson
        if lesson is not None and step == 0 and not returning:
            self._begin()
        elif lesson is not None:
            self.hints = int(params.get("hints", 0))
            if not (same and returning):
                # Opened in the middle (the tour, a guide's assist) or Back to another round: time from here.
                self.started_at = self.clock() - float(params.get("seconds", 0))
        self.finished = lesson is not None and step >= step_count(lesson)
        self.step_index = min(step, step_count(lesson) - 1) if lesson is not None else 0
        if self.finished:
            self.elapsed = float(params.get("seconds", self.clock() - self.started_at))
        self._shown = None  # load the mock screen afresh, without an old hint
        super().enter(**params)
        self.params.setdefault("hints", self.hints)  # kept for Back, which then continues this round
        self._restart_hint_timer()

    def _begin(self) -> None:
        self.hints = 0
        self.started_at = self.clock()
        self.elapsed = 0.0
        self.finished = False
        self.services.usage.record("lesson_started", lesson=self.lesson.id, locale=self.locale)

    @property
    def screen_count(self) -> int:
        return step_count(self.lesson) if self.lesson else 0

    @property
    def current(self) -> PracticeStep | None:
        return self.lesson.screens[self.step_index] if self.lesson else None

    def show_task(self, index: int) -> None:
        if self.lesson is None or not 0 <= index < self.screen_count:
            return
        self.finished = False
        self.step_index = index
        self.params.update(step=index, hints=self.hints)
        self._shown = None  # the next mock screen, without the last one's hint
        self.services.visitor.reached(self.lesson.id, index + 1)
        self.services.usage.record("step_reached", lesson=self.lesson.id, step=index + 1)
        self.refresh()
        self.nav.speak_current()
        self._restart_hint_timer()

    def _on_hit(self) -> None:
        if self.lesson is None or self.finished:
            return
        if self.step_index + 1 < self.screen_count:
            self.show_task(self.step_index + 1)
        else:
            self._finish()

    def _finish(self) -> None:
        self.hint_timer.stop()
        self.finished = True
        self.elapsed = max(0.0, self.clock() - self.started_at)
        self.params.update(step=self.screen_count, hints=self.hints, seconds=round(self.elapsed))
        self.services.visitor.reached(self.lesson.id, self.screen_count)
        self.services.usage.record(
            "lesson_finished", lesson=self.lesson.id, locale=self.locale, hints=self.hints, seconds=round(self.elapsed)
        )
        self.refresh()
        self.nav.speak_current()

    def practice_again(self) -> None:
        if self.lesson is None:
            return
        # In place: the window keeps this same dict for Back.
        self.params.clear()
        self.params.update(lesson=self.lesson.id, step=0)
        self._begin()
        self.show_task(0)

    def _choose_another(self) -> None:
        category = self.lesson.category if self.lesson else None
        if category:
            self.nav.go("lessons", category=category)
        else:
            self.nav.go("categories")

    # Hints ----------------------------------------------------------------------------------
    def _restart_hint_timer(self) -> None:
        if self.lesson is not None and not self.finished:
            self.hint_timer.start(self.hint_delay_ms)
        else:
            self.hint_timer.stop()

    def on_hint_timeout(self) -> None:
        """No touch for a while: show and say the hint (once, until the next touch)."""
        if self.lesson is None or self.finished or not self.isVisible():
            return
        self.give_hint()

    def _on_missed(self, _where: QPointF) -> None:
        if self.lesson is None or self.finished:
            return
        self.give_hint()

    def give_hint(self) -> None:
        step = self.current
        if step is None:
            return
        self.hints += 1
        self.params["hints"] = self.hints
        self.hint_text.set_text(self.text(step.hint))
        self.hint_text.show()
        self.picture.set_glow(True)
        self._reading = "hint"
        self.nav.speak([Spoken(self.hint_text.plain_text())])

    def _listen_again(self) -> None:
        self._restart_hint_timer()
        self.nav.speak_current()

    # Showing ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        s = self.sizes
        for layout in (self.done, self.finish_words):
            layout.setSpacing(s.gap)
        self.finish_buttons.set_spacing(s.gap)
        self.task_page.set_gap(s.gap)
        self.task_page.set_compact_px(s.body)
        self.listen.setText(tr("Listen again"))
        self.again.setText(tr("Do it again"))
        self.another.setText(tr("Choose another lesson"))
        if self.lesson is None:
            self.title.setText(tr("This lesson is not available any more."))
            self.counter.setText("")
            self.task_text.set_text("")
            self.hint_text.hide()
            self.picture.set_source(None)
            self.picture.set_target((1, 1), None)
            self._shown = None
            self.listen.setEnabled(False)
            self._show_page(self.task_page)
            return
        self.listen.setEnabled(True)
        if self.finished:
            self._show_finish()
            return
        self._show_page(self.task_page)
        step = self.current
        self.title.setText(self.text(self.lesson.title))
        self.counter.setText(tr("Step {current} of {total}").format(current=self.step_index + 1, total=self.screen_count))
        self.task_text.set_text(self.text(step.task))
        shown = (self.lesson.id, self.step_index)
        if self._shown is None:
            # A new task starts without the hint (even when its right place is where the last one's was).
            self._shown = shown
            self.hint_text.hide()
            self.picture.set_source(self.services.content.media_file(step.picture))
            target = QRectF(step.target.x, step.target.y, step.target.width, step.target.height)
            self.picture.set_target(step.picture_size, target)
        # Written even while hidden: the page keeps its room, so the mock screen stays put when
        # it appears; a language change keeps a hint already given, in the new language.
        self.hint_text.set_text(self.text(step.hint))
        self.task_page.arrange()
        self._reading = "task"

    def _show_page(self, page: QWidget) -> None:
        # Only the page on show asks for room: the finish page's words at the largest text
        # must not make the task page (and its mock screen) taller than the window.
        for other in (self.task_page, self.finish_page):
            policy = QSizePolicy.Policy.Preferred if other is page else QSizePolicy.Policy.Ignored
            other.setSizePolicy(policy, policy)
        self.pages.setCurrentWidget(page)
        self.pages.updateGeometry()

    def _show_finish(self) -> None:
        self._show_page(self.finish_page)
        self._shown = None  # a new round loads its first screen afresh
        self.picture.set_target((1, 1), None)
        self.hint_text.hide()
        self.title.setText(tr("Well done!"))
        self.counter.setText("")
        self.praise.setText(tr("You finished “{title}”.").format(title=self.text(self.lesson.title)))
        seconds = round(self.elapsed)
        if seconds < 60:
            taken = tr("Time taken: {seconds} seconds").format(seconds=seconds)
        else:
            taken = tr("Time taken: {minutes} min {seconds} s").format(minutes=seconds // 60, seconds=seconds % 60)
        self.time_taken.setText(taken)
        self.hint_count.setText(tr("Hints: {count}").format(count=self.hints))
        self.encouragement.setText(
            tr("You did not need a single hint. Excellent!")
            if self.hints == 0
            else tr("Each time you practise, it gets easier.")
        )
        self._reading = "finish"

    # Contract ----------------------------------------------------------------------------------
    def speech(self) -> list[Spoken]:
        if self.lesson is None:
            return [Spoken(self.title.text())]
        if self.finished:
            self._reading = "finish"
            return [Spoken(self.title.text())] + [
                Spoken(label.text()) for label in (self.praise, self.time_taken, self.hint_count, self.encouragement)
            ]
        self._reading = "task"
        return [Spoken(self.counter.text()), Spoken(self.task_text.plain_text())]

    def upcoming_speech(self) -> list[Spoken]:
        if self.lesson is None or self.finished or self.step_index + 1 >= self.screen_count:
            return []
        return [Spoken(self.text(self.lesson.screens[self.step_index + 1].task))]

    def main_actions(self):
        if self.pages.currentWidget() is self.finish_page:
            return [self.again, self.another]
        shown = [self.task_text, self.hint_text, self.listen, self.picture]
        return [widget for widget in shown if not widget.isHidden()]

    def help_context(self):
        if self.lesson is None:
            return None, None
        return self.lesson.id, min(self.step_index + 1, self.screen_count)

    def highlight(self, item_index: int, sentence_index: int) -> None:
        if self._reading == "task":
            self.task_text.highlight(sentence_index if item_index == 1 else None)
        elif self._reading == "hint":
            self.hint_text.highlight(sentence_index if item_index == 0 else None)

    def clear_highlight(self) -> None:
        self.task_text.highlight(None)
        self.hint_text.highlight(None)

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        # Left for another screen: no hint may speak over it.
        self.hint_timer.stop()
        self.picture.set_glow(False)
        super().hideEvent(event)
