"""Imports without PySide6's source scan.

Once PySide6 is imported it replaces Python's import, and after every later import its
``shibokensupport.feature.feature_imported`` reads the whole source of the new module looking for
the word "PySide6", to know which modules may use ``from __feature__ import snake_case`` (PySide's
opt-in renaming). The kiosk imports some 500 modules: reading them all cost 30 ms of Home's start
and 140 ms of the services' load on the worker (measured: ui.app 92 -> 59 ms, kiosk.services
502 -> 361 ms; napari/napari#8584 found the same). Nothing here uses ``__feature__``, and a module
the scan does not mark keeps PySide's plain names, so every module is marked without reading it.
"""

from __future__ import annotations

import sys

import PySide6.QtCore  # noqa: F401 (installs PySide's import hook, which is what is tuned here)

FEATURE_MODULE = "shibokensupport.feature"


def _uses_no_feature(_module) -> bool:
    return False


def skip_feature_source_scan() -> bool:
    """True when PySide's scan was found and turned off (a PySide without it is left as it is)."""
    feature = sys.modules.get(FEATURE_MODULE)
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = _uses_no_feature
    return True
