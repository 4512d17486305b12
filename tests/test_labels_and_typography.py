"""Controls in the visitor's own language and script, and Japanese and Korean as natives write it."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QFont, QTextLayout, QTextOption
from PySide6.QtWidgets import QAbstractButton, QLabel

from kiosk.paths import BUNDLED_CONTENT, TRANSLATIONS_DIR
from kiosk.speech.text import split_sentences
from ui.widgets.labels import WORD_JOINER, avoid_orphan, text_label
from ui.widgets.sentences import SentenceLabel, join_sentences
from tests.plugins.touch import click

HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
HALF_WIDTH_IN_JAPANESE = re.compile(r"[!?()~]|(?<!\d):|:(?!\d)")


# Orphans ---------------------------------------------------------------------------------------
def last_line(text: str, font: QFont, width: int) -> str:
    """The last line of ``text`` wrapped at ``width`` as a label wraps it, joiners left out."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines.append(line)
    layout.endLayout()
    last = lines[-1]
    return text[last.textStart() : last.textStart() + last.textLength()].replace(WORD_JOINER, "").strip()


@pytest.mark.parametrize("title", ["ハッピー敬老堂デジタル学習所", "ハッピー敬老堂 デジタル学習所", "スマホの文字を大きくする"])
def test_a_wrapped_title_never_ends_with_a_line_of_one_character(qapp, title):
    font = QFont("Noto Sans CJK JP")
    font.setPixelSize(48)
    font.setBold(True)
    orphaned_widths = [w for w in range(120, 1200, 4) if len(last_line(title, font, w)) == 1]
    assert orphaned_widths, "the test must reach widths where the plain title leaves one character"
    assert all(len(last_line(avoid_orphan(title), font, w)) >= 2 for w in orphaned_widths)


def test_a_short_last_word_moves_down_whole_and_a_one_letter_word_keeps_its_neighbour():
    assert avoid_orphan("ハッピー敬老堂 デジタル学習所").endswith(WORD_JOINER.join("デジタル学習所"))
    assert avoid_orphan("Step 2") == "Step\u00a02"
    assert avoid_orphan("OK") == "OK"


def test_title_labels_keep_the_text_they_were_given(qapp):
    title = text_label("title")
    title.setText("デジタル学習所")
    assert title.text() == "デジタル学習所"
    assert WORD_JOINER in QLabel.text(title)


# Sentences -------------------------------------------------------------------------------------
def test_japanese_sentences_run_on_and_korean_and_english_ones_are_spaced(qapp):
    japanese = "よくできました！写真を撮りました。次へ進みます。"
    assert join_sentences(split_sentences(japanese)) == japanese
    assert join_sentences(split_sentences("잘하셨어요! 다음으로 가요.")) == "잘하셨어요! 다음으로 가요."
    label = SentenceLabel()
    label.set_text(japanese)
    label.highlight(1)
    assert label.plain_text() == japanese
    assert "</span>次へ" in label.text() and "！<span" in label.text()


# The controls ----------------------------------------------------------------------------------
@pytest.mark.parametrize("locale, mark", [("ja", "あ"), ("en", "A"), ("ko", "가")])
def test_no_hangul_on_a_japanese_or_english_screen_and_sizes_in_the_visitors_script(qtbot, window, locale, mark):
    window.change_locale(locale)
    click(qtbot, window.bar.text_size)
    choices = window.text_size_chooser.choices.values()
    assert all(button.text().startswith(mark) for button in choices)
    if locale != "ko":
        home = window.screens["home"]
        words = [b.text() for b in window.findChildren(QAbstractButton) if b.isVisible()]
        words = [w for w in words if w != "한국어"]  # Korean's own name, for Korean visitors
        assert words and not [w for w in words if HANGUL.search(w)]
        assert not HANGUL.search(home.welcome.text())


def test_the_voice_button_names_its_action_in_english(qtbot, window):
    window.change_locale("en")
    home = window.screens["home"]
    assert home.voice.text() == "Turn voice on"
    click(qtbot, home.voice)
    assert home.voice.text() == "Turn voice off"


def test_the_size_chooser_closes_when_the_visitor_walks_away(qtbot, window):
    click(qtbot, window.bar.text_size)
    assert window.text_size_chooser.isVisible()
    window.reset_visitor()
    assert not window.text_size_chooser.isVisible()


# The words -------------------------------------------------------------------------------------
def translations(locale: str) -> list[tuple[str, str, str | None]]:
    root = ET.parse(TRANSLATIONS_DIR / f"kiosk_{locale}.ts").getroot()
    return [(m.findtext("source"), m.findtext("translation") or "", m.find("translation").get("type"))
            for m in root.iter("message")]


@pytest.mark.parametrize("locale", ["ja", "ko"])
def test_every_interface_string_is_translated(locale):
    unfinished = [source for source, _, kind in translations(locale) if kind == "unfinished"]
    assert not unfinished, f"resources/i18n/kiosk_{locale}.ts: fill these, then python -m ui.i18n_build: {unfinished}"


def test_japanese_interface_strings_use_full_width_punctuation_and_no_spaces_between_sentences():
    wrong = [(s, t) for s, t, _ in translations("ja") if HALF_WIDTH_IN_JAPANESE.search(t) or "。 " in t]
    assert not wrong


def test_korean_notices_are_not_phone_notifications():
    assert not [t for _, t, _ in translations("ko") if "알림" in t]


def content_texts(locale: str) -> list[tuple[str, str]]:
    found = []

    def walk(node, where):
        if isinstance(node, dict):
            if isinstance(node.get(locale), str):
                found.append((where, node[locale]))
            for key, value in node.items():
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}[{index}]")

    for path in sorted(BUNDLED_CONTENT.rglob("*.json")):
        walk(json.loads(path.read_text(encoding="utf-8")), path.relative_to(BUNDLED_CONTENT).as_posix())
    return found


def test_the_demo_content_reads_as_written_in_japanese():
    texts = content_texts("ja")
    assert len(texts) > 100
    wrong = [(where, text) for where, text in texts
             if HALF_WIDTH_IN_JAPANESE.search(text) or "。 " in text or "ボイスフィッシング" in text]
    assert not wrong
