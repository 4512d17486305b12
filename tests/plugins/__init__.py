"""Shared test helpers as pytest plugins, registered in tests/conftest.py (``pytest_plugins``).

Fixtures defined here are found by pytest; test modules never import them. Plain helpers are
imported by their package path, e.g. ``from tests.plugins.packs import make_pack``.
"""
