"""Remote care in the kiosk window: what staff ask from the admin page, carried out here once.

The network and the database are touched only on the task runner's urgent lane (a content
download never holds them up, and the GUI thread never waits for the server); what a command
does to the window happens on the GUI thread, where the window lives:

- sync now: the window's ``sync_now`` (the sync controller's), when sync is set up;
- message: a guide message (kiosk.messages.REMOTE_MESSAGE) in the guide panel, with the chime
  a help request gets, so a guide nearby looks;
- screenshot: ``window.grab()`` here (fast), the PNG encoding and the upload on the lane (a
  QImage may be used off the GUI thread; a QPixmap may not);
- restart: answered first, and only once the answer went (or could not go) the composition
  root's ``restart`` callable ends this run. The answer is recorded before it is sent, so the
  next run never restarts again for the same command (kiosk/sync/commands.py CommandBook).

A poll every ``poll_every`` seconds, as the server says (sooner while staff wait for an
answer). A server out of reach is normal: it is logged at info and asked again next time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from kiosk import messages as guide
from protocol.commands import POLL_USUAL, Command, CommandDone, CommandKind
from ui.sync_worker import URGENT_LANE

if TYPE_CHECKING:
    from kiosk.sync.commands import CommandBook, CommandClient
    from ui.main_window import MainWindow
    from ui.tasks import Task, TaskRunner

log = logging.getLogger(__name__)

NO_SYNC = "this kiosk has no server sync set up"


def png_bytes(image: QImage) -> bytes:
    """``image`` as PNG (any thread)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise ValueError("the screen picture could not be encoded as PNG")
    buffer.close()
    return bytes(data.data())


class ClientForSettings:
    """The default client factory: a CommandClient for the kiosk's server and token, the same
    one while they stay the same, a new one once the kiosk is connected again (a new token)."""

    def __init__(self, window: MainWindow):
        self._window = window
        self._client: CommandClient | None = None

    def __call__(self) -> CommandClient | None:
        services = self._window.services
        settings = services.settings
        if services.preview or not settings.sync_server_url or not settings.sync_token:
            return None
        if self._client is None or not self._client.same_server(settings.sync_server_url, settings.sync_token):
            from kiosk.sync.commands import CommandClient

            self._client = CommandClient(settings.sync_server_url, settings.sync_token)
        return self._client


class RemoteCare(QObject):
    """``start()`` once the full services are there; ``stop()`` at quit. Signals on the GUI thread."""

    carried_out = Signal(object, object)  # the Command and its CommandDone, as recorded
    polled = Signal()  # after each poll, whether it reached the server or not

    def __init__(self, window: MainWindow, runner: TaskRunner, restart: Callable[[str], None],
                 client_factory: Callable[[], CommandClient | None] | None = None,
                 book_factory: Callable[[], CommandBook] | None = None):
        super().__init__(window)
        self.window = window
        self.runner = runner
        self._restart = restart
        self._client_factory = client_factory if client_factory is not None else ClientForSettings(window)
        self._book_factory = book_factory if book_factory is not None else self._default_book
        self._book: CommandBook | None = None  # made on the lane, once per run (it closes interrupted ones)
        self.poll_every = POLL_USUAL
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.poll)
        self._polling: Task | None = None
        self._started = self._stopped = self._restarting = False

    def start(self) -> None:
        if self._started or self._stopped:
            return
        self._started = True
        self.poll()

    def stop(self) -> None:
        self._stopped = True
        self._timer.stop()

    @property
    def busy(self) -> bool:
        """A poll is under way (tests wait for it to end)."""
        return self._polling is not None

    def poll(self) -> None:
        """Send answers still owed, then ask for new commands (on the lane). Not before
        ``start()``: a window drawn from the Home snapshot has no database to keep them in."""
        if not self._started or self._stopped or self._polling is not None:
            return
        self._timer.stop()
        client = self._client_factory()
        if client is None or client.refused is not None:
            # No server, or one that refused this kiosk: look again later, the settings may change.
            self._schedule(POLL_USUAL)
            self.polled.emit()
            return
        self._polling = self.runner.run(lambda: self._exchange(client), lambda new: self._fetched(client, new),
                                        self._poll_failed, lane=URGENT_LANE)

    # On the urgent lane -----------------------------------------------------------------------
    def _default_book(self) -> CommandBook:
        from kiosk.sync.commands import CommandBook

        return CommandBook(self.window.services.sessions)

    def _book_here(self) -> CommandBook:
        if self._book is None:
            self._book = self._book_factory()
        return self._book

    def _exchange(self, client: CommandClient) -> tuple[list[Command], int]:
        from kiosk.sync.commands import CommandError, CommandsRefused  # SQLAlchemy loads here, off the GUI thread

        book = self._book_here()
        for command_id, done in book.unanswered():
            try:
                client.answer(command_id, done)
            except CommandsRefused:
                raise
            except CommandError as error:  # one answer the server will not take must not hold up the rest
                log.info("remote care: %s", error)
                continue
            book.answered(command_id)
        commands, poll_every = client.fetch()
        return book.take_new(commands), poll_every

    def _answer(self, client: CommandClient, command: Command, done: CommandDone) -> None:
        book = self._book_here()
        book.finish(command.id, done)  # first: a crash from here on never carries it out again
        client.answer(command.id, done)
        book.answered(command.id)

    def _screenshot(self, client: CommandClient, command: Command, image: QImage) -> CommandDone:
        book = self._book_here()
        try:
            png = png_bytes(image)
            client.send_screenshot(command.id, png)
        except Exception as error:  # noqa: BLE001 (told to staff in the answer, sent at the next contact)
            done = CommandDone(False, f"the screenshot could not be sent: {error}")
            book.finish(command.id, done)
            return done
        done = CommandDone(True, f"a {image.width()}x{image.height()} screenshot was sent")
        book.finish(command.id, done)
        book.answered(command.id)  # the upload is the answer
        return done

    # Back on the GUI thread -------------------------------------------------------------------
    def _fetched(self, client: CommandClient, answer: tuple[list[Command], int]) -> None:
        self._polling = None
        new, self.poll_every = answer
        # A restart waits for the rest of the batch (it ends this run); one is enough.
        restarts = [command for command in new if command.kind == CommandKind.RESTART]
        for command in [command for command in new if command.kind != CommandKind.RESTART] + restarts[:1]:
            self._carry_out(client, command)
        for command in restarts[1:]:
            self._answered(client, command, CommandDone(True, "restarting (asked more than once)"))
        self._schedule(self.poll_every)
        self.polled.emit()

    def _poll_failed(self, error: Exception) -> None:
        self._polling = None
        log.info("remote care: %s", error)  # the server being away is normal
        self._schedule(self.poll_every)
        self.polled.emit()

    def _carry_out(self, client: CommandClient, command: Command) -> None:
        if self._stopped:
            return  # received, not carried out: the next run answers it as interrupted
        log.info("remote care: %s asked by %s (command %d)", command.kind, command.asked_by, command.id)
        try:
            if command.kind == CommandKind.SCREENSHOT:
                image = self.window.grab().toImage()  # the pixmap stays here; the image may travel
                self.runner.run(lambda: self._screenshot(client, command, image),
                                lambda done: self.carried_out.emit(command, done), self._answer_failed,
                                lane=URGENT_LANE)
                return
            if command.kind == CommandKind.RESTART:
                self._restart_after_answer(client, command)
                return
            done = self._do(command)
        except Exception as error:  # noqa: BLE001 (a failing command must never take the kiosk down)
            log.error("remote care: command %d failed", command.id, exc_info=error)
            done = CommandDone(False, f"it failed on the kiosk: {type(error).__name__}: {error}")
        self._answered(client, command, done)

    def _do(self, command: Command) -> CommandDone:
        if command.kind == CommandKind.SYNC_NOW:
            if self.window.sync_now is None:
                return CommandDone(False, NO_SYNC)
            self.window.sync_now()
            return CommandDone(True, "a sync was started")
        if command.kind == CommandKind.MESSAGE:
            if not command.text.strip():
                return CommandDone(False, "the message was empty, so nothing was shown")
            self.window.services.messages.report(guide.REMOTE_MESSAGE, key=f"{guide.REMOTE_MESSAGE}:{command.id}",
                                                 text=command.text, by=command.asked_by)
            self.window.guide_alert.chime()
            return CommandDone(True, "shown to the guide")
        return CommandDone(False, f"this kiosk does not know the command {command.kind!r}; "
                                  "updating the kiosk software may add it")

    def _answered(self, client: CommandClient, command: Command, done: CommandDone) -> None:
        self.carried_out.emit(command, done)
        self.runner.run(lambda: self._answer(client, command, done), None, self._answer_failed, lane=URGENT_LANE)

    def _restart_after_answer(self, client: CommandClient, command: Command) -> None:
        if self._restarting:
            return
        self._restarting = True
        self.stop()  # nothing more is carried out in a run that is ending
        done = CommandDone(True, "restarting")
        self.carried_out.emit(command, done)
        reason = f"asked from the admin page by {command.asked_by}"

        def answer_went(_result=None) -> None:
            self._restart(reason)

        def answer_failed(error: Exception) -> None:
            # The answer is recorded and goes at the next run's first contact.
            log.info("remote care: the restart's answer is sent after the restart (%s)", error)
            self._restart(reason)

        self.runner.run(lambda: self._answer(client, command, done), answer_went, answer_failed, lane=URGENT_LANE)

    def _answer_failed(self, error: Exception) -> None:
        log.info("remote care: an answer waits for the next contact (%s)", error)

    def _schedule(self, seconds: int) -> None:
        if not self._stopped:
            self._timer.start(max(1, seconds) * 1000)


def install_remote_care(window: MainWindow, runner: TaskRunner, restart: Callable[[str], None],
                        client_factory: Callable[[], CommandClient | None] | None = None,
                        book_factory: Callable[[], CommandBook] | None = None) -> RemoteCare:
    """Remote care for ``window``: polling starts once the full services are there (a window
    drawn from the Home snapshot has no database yet). ``restart(reason)`` ends this run so the
    service manager starts the kiosk again; the composition root gives it."""
    care = RemoteCare(window, runner, restart, client_factory, book_factory)
    if window.services.ready:
        care.start()
    else:
        window.services_ready.connect(care.start)
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(care.stop)
    return care
