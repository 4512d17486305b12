"""Kiosk settings a guide may change; each choice is saved at once (nothing to forget to save)
and applies at once: idle times, voice and the guide's hours now, language and text size from
the next visitor."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout

from kiosk.choices import LANGUAGE_NAMES, TEXT_SIZES
from kiosk.guide.hours import WEEKDAYS, GuideHours
from ui.i18n import tr
from ui.screens.guide.common import Section, choice_row
from ui.widgets.big_button import BigButton
from ui.widgets.help_called import hours_text
from ui.widgets.labels import text_label
from ui.widgets.text_size_chooser import size_names

TEXT_SIZE_CHOICES = {size: "" for size in TEXT_SIZES}  # named in the guide's words on refresh
RATES = {0: "", 1: "", 2: ""}  # labels are translated on refresh
VOLUMES = {0.25: "25%", 0.5: "50%", 0.75: "75%", 0.9: "90%", 1.0: "100%"}
IDLE_SECONDS = {60: "", 120: "", 180: "", 300: "", 600: ""}
DAYS = {day: "" for day in WEEKDAYS}  # several may be chosen; labels are translated on refresh
# Whole hours a center's guide usually keeps; any other "HH:MM" can be put in config.json.
START_TIMES = {time: time for time in ("09:00", "10:00", "11:00", "13:00", "14:00")}
END_TIMES = {time: time for time in ("12:00", "15:00", "16:00", "17:00", "18:00")}


class SettingsSection(Section):
    def __init__(self, panel):
        super().__init__(panel)
        self.labels: dict[str, object] = {}
        self.rows: dict[str, dict] = {}
        for key, options, field in (
            ("language", LANGUAGE_NAMES, "default_locale"),
            ("text_size", TEXT_SIZE_CHOICES, "default_text_size"),
            ("rate", RATES, "voice_rate_step"),
            ("volume", VOLUMES, "voice_volume"),
            ("idle", IDLE_SECONDS, "idle_seconds"),
            ("guide_days", DAYS, "guide_weekdays"),
            ("guide_start", START_TIMES, "guide_start"),
            ("guide_end", END_TIMES, "guide_end"),
        ):
            if key == "guide_days":
                # The city's hours for the center win over these: say so where they are set.
                self.hours_note = text_label("body")
                self.column.addWidget(self.hours_note)
            label = text_label("subtitle")
            row, buttons = choice_row(options, lambda value, field=field: self.change(field, value), 24)
            self.column.addWidget(label)
            self.column.addLayout(row)
            self.labels[key], self.rows[key] = label, buttons
        self.saved = text_label("muted")
        self.column.addWidget(self.saved)
        self.change_pin = BigButton(role="secondary")
        self.change_pin.clicked.connect(lambda: self.panel.nav.go("guide_pin", change=True))
        self.column.addWidget(self.change_pin)
        self.exit_kiosk = BigButton(role="help")
        self.exit_kiosk.clicked.connect(self.ask_exit)
        self.column.addWidget(self.exit_kiosk)
        # Closing the program is not undone by a touch, so it asks once more, in place.
        self.confirm_label = text_label("subtitle")
        self.confirm_row = QHBoxLayout()
        self.confirm_yes = BigButton(role="help")
        self.confirm_no = BigButton(role="secondary")
        self.confirm_yes.clicked.connect(self.panel.nav.leave_kiosk_mode)
        self.confirm_no.clicked.connect(lambda: self.show_confirm(False))
        self.confirm_row.addWidget(self.confirm_yes)
        self.confirm_row.addWidget(self.confirm_no)
        self.column.addWidget(self.confirm_label)
        self.column.addLayout(self.confirm_row)
        self._just_saved = False
        self._problem = ""
        self.show_confirm(False)

    def change(self, field: str, value) -> None:
        if field == "guide_weekdays":
            days = set(self.services.settings.guide_weekdays) ^ {value}  # each day toggles
            value = sorted(days)
        settings = self.services.settings.model_copy(update={field: value})
        try:  # model_copy does not validate: hours that end before they start are refused here
            GuideHours.from_settings(settings)
        except ValueError:
            self._problem = tr("The guide's hours must end after they start.")
            self.refresh()
            return
        self._problem = ""
        self.panel.nav.apply_settings(settings)
        self._just_saved = True
        self.refresh()

    def ask_exit(self) -> None:
        self.show_confirm(True)

    def show_confirm(self, shown: bool) -> None:
        for widget in (self.confirm_label, self.confirm_yes, self.confirm_no):
            widget.setVisible(shown)
        self.exit_kiosk.setVisible(not shown)

    def refresh(self) -> None:
        super().refresh()
        gap = self.panel.sizes.gap
        settings = self.services.settings
        self.labels["language"].setText(tr("Language at the start"))
        self.labels["text_size"].setText(tr("Text size at the start"))
        self.labels["rate"].setText(tr("Voice speed"))
        self.labels["volume"].setText(tr("Voice volume"))
        self.labels["idle"].setText(tr("Start again for the next visitor after"))
        self.labels["guide_days"].setText(tr("Days a guide is here"))
        self.labels["guide_start"].setText(tr("A guide is here from"))
        self.labels["guide_end"].setText(tr("A guide is here until"))
        self.hours_note.setText(self._hours_note())
        day_names = (tr("Mon"), tr("Tue"), tr("Wed"), tr("Thu"), tr("Fri"), tr("Sat"), tr("Sun"))
        for day, button in self.rows["guide_days"].items():
            button.setText(day_names[day])
        for size, name in size_names().items():
            self.rows["text_size"][size].setText(name)
        rate_names = {0: tr("Slow"), 1: tr("Normal"), 2: tr("Fast")}
        for step, button in self.rows["rate"].items():
            button.setText(rate_names[step])
        for seconds, button in self.rows["idle"].items():
            button.setText(tr("{minutes} min").format(minutes=seconds // 60))
        current = {
            "language": settings.default_locale,
            "text_size": settings.default_text_size,
            "rate": settings.voice_rate_step,
            "volume": settings.voice_volume,
            "idle": settings.idle_seconds,
            "guide_start": settings.guide_start,
            "guide_end": settings.guide_end,
        }
        for key, buttons in self.rows.items():
            for value, button in buttons.items():
                if key == "guide_days":
                    button.setChecked(value in settings.guide_weekdays)
                else:
                    button.setChecked(value == current[key])
        for row in self.findChildren(QHBoxLayout):
            row.setSpacing(gap)
        if self._problem:
            self.saved.setText(self._problem)
        else:
            self.saved.setText(tr("Saved. The kiosk uses these settings now.") if self._just_saved else "")
        self.change_pin.setText(tr("Change the guide PIN"))
        self.exit_kiosk.setText(tr("Close the kiosk program"))
        self.confirm_label.setText(tr("Close the kiosk program? Visitors cannot use it until it is started again."))
        self.confirm_yes.setText(tr("Yes, close it"))
        self.confirm_no.setText(tr("No, keep it open"))

    def _hours_note(self) -> str:
        hours = GuideHours.for_kiosk(self.services.content.center(), settings=self.services.settings)
        if hours.from_city:
            return tr("The city has set this center's guide hours: {hours}. The kiosk uses those, "
                      "not the days and times below.").format(hours=hours_text(hours))
        return tr("If the city sets this center's guide hours, the kiosk uses those instead of "
                  "the days and times below.")

    def forget(self) -> None:
        self._just_saved = False
        self._problem = ""
        self.show_confirm(False)
