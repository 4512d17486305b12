"""What the kiosk wants the guide to know (kiosk/messages.py), newest first, in the guide's language.

The headline is translated here; the detail underneath is the exact technical text (file, item,
field) for whoever fixes the content or the network.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from kiosk import messages as guide
from kiosk.choices import LANGUAGE_NAMES
from kiosk.messages import GuideMessage
from protocol.sync_status import SyncStatus
from ui.i18n import tr
from ui.screens.guide.common import CardListSection, local_time
from ui.screens.guide.sync_section import refusal_text
from ui.widgets.labels import text_label


def headline(message: GuideMessage) -> str:
    params = dict(message.params)
    if message.kind == guide.VOICE_MISSING:
        language = LANGUAGE_NAMES.get(params.get("locale", ""), params.get("locale", ""))
        return tr("There is no voice for {language} on this kiosk, so that language is silent.").format(language=language)
    if message.kind == guide.CONTENT_REJECTED:
        return tr("New content was refused. The kiosk keeps showing the content it had.")
    if message.kind == guide.CONTENT_FIELDS_IGNORED:
        return tr(
            "New content uses {count} field(s) this kiosk does not know yet; they are left out. "
            "Updating the kiosk software shows them."
        ).format(count=params.get("count", "?"))
    if message.kind == guide.SYNC_FAILED:
        return tr("Sync with the central server is failing: {error}").format(error=params.get("error", ""))
    if message.kind == guide.KIOSK_REFUSED:
        return refusal_text(SyncStatus(params.get("status", SyncStatus.NOT_AUTHORISED)))
    if message.kind == guide.REMOTE_MESSAGE:
        return tr("{by} wrote from the admin page: {text}").format(
            by=params.get("by", ""), text=params.get("text", ""))
    if message.kind == guide.SETTINGS_IGNORED:
        return tr("The saved settings could not be read, so the default settings are in use.")
    return message.kind


class MessagesSection(CardListSection):
    def __init__(self, panel):
        super().__init__(panel)
        self.shown: list[GuideMessage] = []

    def refresh(self) -> None:
        super().refresh()
        self.shown = self.services.messages.messages()
        self.start_list(
            tr("Things the kiosk wants you to know: {count}").format(count=len(self.shown))
            if self.shown
            else tr("Everything is working. There is nothing to report.")
        )
        now = self.panel.now()
        for message in self.shown:
            when = local_time(message.at, now)
            labels = [text_label("body", f"{when:%Y-%m-%d %H:%M}  {headline(message)}")]
            if message.detail:
                labels.append(text_label("muted", message.detail))
            self.add_card(QVBoxLayout, *labels)

    def forget(self) -> None:
        super().forget()
        self.shown = []
