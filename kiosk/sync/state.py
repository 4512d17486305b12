"""The kiosk's sync state row (db.models.SyncState), read and written in small helpers."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from db.models import ContentRevision, SyncState


def get_state(session: Session) -> SyncState:
    state = session.get(SyncState, 1)
    if state is None:
        state = SyncState(
            id=1, repo_revision=0, root="", applied_digest="", index_etag="", index_last_modified="", last_result="",
            key_serial=0, view_center="",
        )
        session.add(state)
    return state


def read_state(sessions: sessionmaker[Session]) -> tuple[SyncState, str]:
    """(state, digest of the content now in the rows)."""
    with sessions.begin() as session:
        state = get_state(session)
        content = session.get(ContentRevision, 1)
        session.flush()
        session.expunge(state)
        return state, (content.digest if content else "")
