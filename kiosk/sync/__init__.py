"""Kiosk side of content sync and upstream upload. Pure Python: no Qt here (see ui/sync_worker.py)."""
