"""Interface strings go through Qt's translator (.ts sources and compiled .qm in resources/i18n).

English is the source language. Content texts are not here: they come localised in the pack.
Regenerate with `python -m ui.i18n_build` after changing strings.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

from kiosk.paths import TRANSLATIONS_DIR


def tr(text: str) -> str:
    # The empty context is what pyside6-lupdate assigns to a free function named tr().
    return QCoreApplication.translate("", text)


class LanguageSwitcher:
    """Keeps exactly one interface translator installed, for the visitor's locale.

    Translators belong to the application, not a window, so there is one switcher per app.
    """

    _shared: "LanguageSwitcher | None" = None

    @classmethod
    def for_app(cls, app: QCoreApplication) -> "LanguageSwitcher":
        if cls._shared is None or cls._shared._app is not app:
            cls._shared = cls(app)
        return cls._shared

    def __init__(self, app: QCoreApplication):
        self._app = app
        self._translators: dict[str, QTranslator] = {}
        self._installed: QTranslator | None = None
        self.locale = "en"

    def _translator(self, locale: str) -> QTranslator | None:
        if locale not in self._translators:
            translator = QTranslator()
            if not translator.load(str(TRANSLATIONS_DIR / f"kiosk_{locale}.qm")):
                return None
            self._translators[locale] = translator
        return self._translators[locale]

    def switch(self, locale: str) -> None:
        if self._installed is not None:
            self._app.removeTranslator(self._installed)
            self._installed = None
        translator = self._translator(locale) if locale != "en" else None
        if translator is not None:
            self._app.installTranslator(translator)
            self._installed = translator
        self.locale = locale
