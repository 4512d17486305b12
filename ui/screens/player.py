"""The lesson player: one step per screen, a large picture and a few large words.

The picture and the words share one area laid out by its shape (ui/widgets/step_view.py); the
buttons below it never scroll away and wrap onto two rows when their words need it.
"""

from __future__ import annotations

from kiosk.content.kinds import step_count
from kiosk.content.schema import Lesson
from ui.i18n import tr
from ui.screens.base import Screen, Spoken
from ui.widgets.action_row import ActionRow
from ui.widgets.big_button import BigButton
from ui.widgets.labels import set_role
from ui.widgets.sentences import SentenceLabel
from ui.widgets.step_view import StepView


class PlayerScreen(Screen):
    name = "player"

    def __init__(self, services, navigator, parent=None):
        super().__init__(services, navigator, parent)
        self.lesson: Lesson | None = None
        self.step_index = 0

        self.counter = self.add_counter_beside_title()
        # On a step the step's words lead; the lesson's name above them is a heading the size of
        # the counter beside it, so a long name does not take two lines of a small panel.
        set_role(self.title, "subtitle")

        self.step_text = SentenceLabel("subtitle")
        self.body = StepView(self.step_text)
        self.picture = self.body.picture
        self.root.addWidget(self.body, 1)

        self.previous = BigButton(role="secondary")
        self.listen = BigButton(role="secondary")
        self.next = BigButton(role="primary")
        self.previous.clicked.connect(lambda: self.show_step(self.step_index - 1))
        self.listen.clicked.connect(self.nav.speak_current)
        self.next.clicked.connect(self._forward)
        self.buttons = ActionRow((self.previous, self.listen, self.next))
        self.root.addWidget(self.buttons)

    def enter(self, **params) -> None:
        self.lesson = self.services.content.lesson(params.get("lesson", ""))
        self.step_index = int(params.get("step", 0))
        if self.lesson is not None and self.step_index == 0:
            self.services.usage.record("lesson_started", lesson=self.lesson.id, locale=self.locale)
        super().enter(**params)

    @property
    def step_count(self) -> int:
        return step_count(self.lesson) if self.lesson else 0

    def show_step(self, index: int) -> None:
        if self.lesson is None or not 0 <= index < self.step_count:
            return
        self.step_index = index
        self.params["step"] = index
        self.services.visitor.reached(self.lesson.id, index + 1)
        self.services.usage.record("step_reached", lesson=self.lesson.id, step=index + 1)
        self.refresh()
        self.nav.speak_current()

    def _forward(self) -> None:
        if self.lesson is None:
            return
        if self.step_index + 1 < self.step_count:
            self.show_step(self.step_index + 1)
        else:
            self.services.usage.record("lesson_finished", lesson=self.lesson.id, locale=self.locale)
            self.nav.go("finish", lesson=self.lesson.id)

    def refresh(self) -> None:
        super().refresh()
        self.body.set_gap(self.sizes.gap)
        self.buttons.set_spacing(self.sizes.gap)
        if self.lesson is None:
            self.title.setText(tr("This lesson is not available any more."))
            self.counter.setText("")
            self.step_text.set_text("")
            self.picture.set_source(None)
            self.body.show_step()
            for button in (self.previous, self.listen, self.next):
                button.setEnabled(False)
            return
        step = self.lesson.steps[self.step_index]
        self.title.setText(self.text(self.lesson.title))
        self.counter.setText(tr("Step {current} of {total}").format(current=self.step_index + 1, total=self.step_count))
        self.step_text.set_text(self.text(step.text))
        self.picture.set_source(self.services.content.media_file(step.picture))
        self.body.show_step()
        self.previous.setEnabled(self.step_index > 0)
        self.listen.setEnabled(True)
        self.next.setEnabled(True)
        self.previous.setText("◀  " + tr("Previous"))
        self.listen.setText(tr("Listen again"))
        last = self.step_index + 1 == self.step_count
        self.next.setText((tr("Finish") if last else tr("Next")) + "  ▶")

    def speech(self) -> list[Spoken]:
        if self.lesson is None:
            return [Spoken(self.title.text())]
        step = self.lesson.steps[self.step_index]
        narration = step.narration.get(self.locale)
        audio = self.services.content.media_file(narration) if narration else None
        return [Spoken(self.counter.text()), Spoken(self.step_text.plain_text(), audio)]

    def upcoming_speech(self) -> list[Spoken]:
        """The next step's words, so speech can be prepared while this one plays."""
        if self.lesson is None or self.step_index + 1 >= self.step_count:
            return []
        step = self.lesson.steps[self.step_index + 1]
        return [Spoken(self.text(step.text))]

    def main_actions(self):
        return [self.previous, self.listen, self.next]

    def help_context(self):
        return (self.lesson.id if self.lesson else None), self.step_index + 1

    def highlight(self, item_index: int, sentence_index: int) -> None:
        self.step_text.highlight(sentence_index if item_index == 1 else None)

    def clear_highlight(self) -> None:
        self.step_text.highlight(None)
