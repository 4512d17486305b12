"""The kiosk's Qt widgets. Imported first, it spares every later import PySide6's source scan."""

from ui.pyside_imports import skip_feature_source_scan

skip_feature_source_scan()
