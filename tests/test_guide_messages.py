"""Problems meant for the guide are kept, told once, and shown on the guide panel in the guide's language."""

from __future__ import annotations

import datetime as dt
import threading

from tests.plugins.guide import type_pin
from PySide6.QtCore import Qt

from kiosk import messages as guide
from kiosk.guide.pin import hash_pin
from kiosk.messages import GuideMessages
from kiosk.services import KioskServices

PIN = "482916"


def test_a_message_is_told_once_until_resolved_and_the_list_is_bounded():
    now = dt.datetime(2030, 3, 1, 9, 0)
    messages = GuideMessages(clock=lambda: now, limit=3)
    assert messages.report(guide.SYNC_FAILED, error="HTTP 503")
    assert not messages.report(guide.SYNC_FAILED, error="HTTP 503"), "the same problem again is not news"
    messages.resolve(guide.SYNC_FAILED)
    assert messages.messages() == []
    assert messages.report(guide.SYNC_FAILED, error="timed out"), "after a success, a new failure is told"
    for locale in ("ko", "ja", "en"):
        messages.report(guide.VOICE_MISSING, key=f"voice:{locale}", locale=locale)
    kept = messages.messages()
    assert [m.key for m in kept] == ["voice:en", "voice:ja", "voice:ko"]  # newest first, at most 3
    assert kept[0].at == now and kept[0].params == {"locale": "en"}
    assert messages.report(guide.SYNC_FAILED, error="timed out"), "a message pushed out may be told again"


def test_an_unknown_kind_is_a_programming_error():
    try:
        GuideMessages().report("typo_kind")
    except ValueError as error:
        assert "typo_kind" in str(error)
    else:
        raise AssertionError("an unknown kind must be refused")


def test_a_rejected_pack_reaches_the_guide_panel(qtbot, make_window, services, tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "pack.json").write_text("{ not json", encoding="utf-8")
    assert not services.load_content(broken)
    # Reported from another thread (as sync does): the panel hears of it on the GUI thread.
    worker = threading.Thread(target=lambda: services.messages.report(guide.SYNC_FAILED, error="HTTP 503"))
    worker.start()
    worker.join()

    services.save_settings(services.settings.model_copy(update={"guide_pin_hash": hash_pin(PIN, n=2**10)}))
    window = make_window()
    window.open_guide_pin()
    type_pin(qtbot, window, PIN)
    assert window.guide_mode
    panel = window.screens["guide_panel"]
    assert panel.tab_buttons["messages"].text().endswith("(2)")
    qtbot.mouseClick(panel.tab_buttons["messages"], Qt.MouseButton.LeftButton)
    section = panel.sections["messages"]
    texts = [label.text() for label in section.findChildren(type(section.heading)) if label.isVisible()]
    joined = "\n".join(texts)
    assert "pack.json: not valid JSON" in joined  # the exact detail, as the loader wrote it
    assert "HTTP 503" in joined
    assert [m.kind for m in section.shown] == [guide.SYNC_FAILED, guide.CONTENT_REJECTED]

    services.messages.report(guide.VOICE_MISSING, key="voice:ja", locale="ja")
    qtbot.waitUntil(lambda: len(section.shown) == 3, timeout=2000)  # an open page follows by itself
    assert "日本語" in "\n".join(label.text() for label in section.findChildren(type(section.heading)))


def test_settings_that_cannot_be_read_are_told(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "config.json").write_text("{ broken", encoding="utf-8")
    services = KioskServices.open(data)
    (message,) = services.messages.messages()
    assert message.kind == guide.SETTINGS_IGNORED and "config.json" in message.detail
