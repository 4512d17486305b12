"""The one place for colours, sizes and the style sheet.

Sizes are in device pixels for a 1080p landscape panel. Floors the tests check:
touch targets >= 88 px tall and >= 16 px apart, body text >= 28 px at the default size,
every text/background pair >= 7:1 contrast (WCAG AAA).
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.choices import TEXT_SIZES

INK = "#111111"
PAPER = "#FFFDF7"
PRIMARY = "#0B3D91"
PRIMARY_PRESSED = "#051E4A"
ON_PRIMARY = "#FFFFFF"
SECONDARY_PRESSED = "#FFE08A"
HELP = "#8B1A12"
HELP_PRESSED = "#4A0D08"
MUTED_INK = "#33363D"
CARD = "#FFFFFF"
HIGHLIGHT = "#FFE08A"
OVERLAY = "rgba(17, 17, 17, 215)"
SELECTED = "#0B3D91"

# A card in a list (ui/widgets/card_list.py): its frame, the room from its edge to what it holds
# (the frame is drawn inside that room), and its picture box.
CARD_BORDER_PX = 4
CARD_RADIUS_PX = 16
CARD_PADDING_X = 24
CARD_PADDING_Y = 16
CARD_PICTURE_W = 160
CARD_PICTURE_H = 120
CARD_LINE_GAP = 4  # between a card's title and its detail

MIN_TARGET_PX = 88
MIN_GAP_PX = 16
MIN_BODY_PX = 28

LOCALE_FONTS = {
    "ko": "Noto Sans CJK KR",
    "ja": "Noto Sans CJK JP",
    "en": "Noto Sans CJK KR",
}


@dataclass(frozen=True)
class Sizes:
    body: int
    title: int
    button: int
    small_title: int
    target: int
    gap: int
    margin: int
    picture_height: int
    bar_button: int
    bar_font: int
    chip: int = MIN_TARGET_PX + 8  # a filter chip's whole height: many chips must fit in a few rows


_SCALE = {"normal": 1.0, "large": 1.25, "largest": 1.5}


def sizes_for(text_size: str) -> Sizes:
    scale = _SCALE[text_size]
    return Sizes(
        body=round(30 * scale),
        title=round(48 * scale),
        button=round(32 * scale),
        small_title=round(36 * scale),
        target=max(MIN_TARGET_PX + 8, round(96 * scale)),
        gap=24,
        margin=32,
        picture_height=520,
        # The bar stays compact at every size so the lesson keeps the room; its words are
        # few and familiar, so they grow less than the body text.
        bar_button=MIN_TARGET_PX + 8,
        bar_font=min(round(32 * scale), 38),
    )


assert set(_SCALE) == set(TEXT_SIZES)


def stylesheet(text_size: str, locale: str) -> str:
    s = sizes_for(text_size)
    font = LOCALE_FONTS.get(locale, LOCALE_FONTS["ko"])
    return f"""
    QWidget {{
        font-family: "{font}";
        font-size: {s.body}px;
        color: {INK};
    }}
    QMainWindow, QStackedWidget, QScrollArea, QWidget#screen, QWidget#scrollContent, QListView {{
        background: {PAPER};
    }}
    QListView {{ border: none; }}
    QLabel {{ background: transparent; }}
    QLabel[role="title"] {{ font-size: {s.title}px; font-weight: 700; }}
    QLabel[role="subtitle"] {{ font-size: {s.small_title}px; font-weight: 700; }}
    QLabel[role="body"] {{ font-size: {s.body}px; }}
    QLabel[role="muted"] {{ font-size: {s.body}px; color: {MUTED_INK}; }}
    QLabel[role="highlight"] {{ background: {HIGHLIGHT}; border-radius: 8px; padding: 4px 8px; }}
    QLabel[role="hint"] {{ font-size: {s.small_title}px; font-weight: 700; background: {HIGHLIGHT}; border-radius: 8px; }}
    QLabel[role="counter"] {{ font-size: {s.small_title}px; font-weight: 700; color: {PRIMARY}; }}
    QFrame[role="card"] {{ background: {CARD}; border: 3px solid {INK}; border-radius: 16px; }}
    QPushButton {{
        min-height: {s.target}px;
        font-size: {s.button}px;
        font-weight: 700;
        border-radius: 16px;
        padding: 8px 28px;
        background: {CARD};
        color: {INK};
        border: 4px solid {PRIMARY};
    }}
    QPushButton:pressed {{ background: {SECONDARY_PRESSED}; color: {INK}; }}
    QPushButton[role="primary"] {{ background: {PRIMARY}; color: {ON_PRIMARY}; border-color: {PRIMARY}; }}
    QPushButton[role="primary"]:pressed {{ background: {PRIMARY_PRESSED}; color: {ON_PRIMARY}; }}
    QPushButton[role="help"] {{ background: {HELP}; color: {ON_PRIMARY}; border-color: {HELP}; }}
    QPushButton[role="help"]:pressed {{ background: {HELP_PRESSED}; color: {ON_PRIMARY}; }}
    QPushButton[role="choice"]:checked {{ background: {SELECTED}; color: {ON_PRIMARY}; border-color: {SELECTED}; }}
    QPushButton:disabled {{ background: {PAPER}; color: {MUTED_INK}; border-color: {MUTED_INK}; border-style: dashed; }}
    QWidget#bottomBar {{ background: {INK}; }}
    QWidget#bottomBar QPushButton {{ min-height: {s.bar_button}px; max-height: {s.bar_button}px; font-size: {s.bar_font}px; padding: 4px 12px; }}
    QPushButton[chip="true"] {{ min-height: {s.chip - 16}px; font-size: {s.body}px; padding: 4px 20px; }}
    QWidget#overlay {{ background: {OVERLAY}; }}
    QFrame#dialog {{ background: {CARD}; border: 4px solid {INK}; border-radius: 24px; }}
    QScrollBar:vertical {{ width: 24px; background: {PAPER}; }}
    QScrollBar::handle:vertical {{ background: {MUTED_INK}; border-radius: 12px; min-height: 80px; }}
    QScrollBar::add-line, QScrollBar::sub-line {{ height: 0; }}
    """
