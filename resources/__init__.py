"""Bundled resources (the demo content pack, interface translations), installed as package data.

Read them through kiosk.paths, which resolves them with importlib.resources.
"""
