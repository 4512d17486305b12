"""The contract between kiosk and server, written once.

Both sides import this package; it imports neither of them (standard library, plus
``cryptography`` for the repository signature). Anything one side sends and the other reads
-- event kinds and payloads, heartbeat fields, sync statuses, help-request keys, API paths,
the repository format and its signature, the app version -- is named here and nowhere else.
"""
