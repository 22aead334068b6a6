"""Which Telegram updates to handle: each one once, across restarts, and private chats only.

Telegram delivers an update again when its receipt was not confirmed (the channel
stopped between fetching and the next poll, a webhook call timed out). Update ids rise
by one per update, so the channel keeps a watermark: the highest id below which every
update it began was also finished. It is written to a small file in `var/` after each
update, and an update at or below it is a re-delivery, also after a restart. An update
that was still being handled when the process died lies above the watermark and is
handled again: better twice than lost.

Telegram keeps undelivered updates for 24 hours at most, and after a week without
updates it may start the ids afresh at a random number; a watermark older than 24 hours
is therefore forgotten rather than trusted.

Groups, supergroups and channels are ignored without a word: anything the bot said
there would be read by everyone in the group, and a participant's questions about their
course belong in a private chat. A participant who adds the bot to a group sees no
answer there, and finds it in the private chat.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import time
from pathlib import Path
from typing import Any, Awaitable, Callable, Optional, Set

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, BaseUpdateProcessor, ContextTypes

logger = logging.getLogger(__name__)

# Telegram keeps an update for re-delivery at most this long.
HORIZON_SECONDS = 24 * 3600


def watermark_file(var_dir: Path, token: str) -> Path:
    """One file per bot (the token's numeric bot id): another bot's ids mean nothing here."""
    bot_id = token.split(":", 1)[0] if token.split(":", 1)[0].isdigit() else "bot"
    return var_dir / f"telegram-{bot_id}-updates.json"


class HandledUpdates:
    """The watermark of handled update ids, in memory and in `path`."""

    def __init__(self, path: Optional[Path], clock: Callable[[], float] = time.time):
        self.path = path
        self.clock = clock
        self.watermark = 0
        self.last_seen = 0.0
        self._running: Set[int] = set()
        self._finished: Set[int] = set()  # above the watermark, finished before an older one
        self._load()

    def _load(self) -> None:
        if self.path is None or not self.path.is_file():
            return
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            watermark, saved_at = int(data["update_id"]), float(data["at"])
        except (OSError, ValueError, KeyError, TypeError):
            logger.warning("Could not read %s; every update is new", self.path)
            return
        if self.clock() - saved_at < HORIZON_SECONDS:
            self.watermark, self.last_seen = watermark, saved_at

    def begin(self, update_id: int) -> bool:
        """True if the update is to be handled (and marks it running); False for a repeat."""
        now = self.clock()
        if now - self.last_seen >= HORIZON_SECONDS and not self._running:
            # Nothing for a day: Telegram may have started its ids afresh.
            self.watermark, self._finished = 0, set()
        self.last_seen = now
        if update_id <= self.watermark or update_id in self._running or update_id in self._finished:
            return False
        self._running.add(update_id)
        return True

    def finish(self, update_id: int) -> None:
        """Marks the update done and moves the watermark as far as nothing is still running."""
        self._running.discard(update_id)
        self._finished.add(update_id)
        ceiling = min(self._running) - 1 if self._running else max(self._finished)
        done = {i for i in self._finished if i <= ceiling}
        if not done:
            return
        self._finished -= done
        if max(done) > self.watermark:
            self.watermark = max(done)
            self._save()

    def _save(self) -> None:
        if self.path is None:
            return
        tmp = self.path.with_suffix(".tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps({"update_id": self.watermark, "at": self.last_seen}),
                           encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            logger.exception("Could not write %s; a restart may answer an update again", self.path)


class OnceOnly(BaseUpdateProcessor):
    """PTB's update processor, handing each update id to the handlers once."""

    def __init__(self, handled: HandledUpdates, max_concurrent_updates: int = 256):
        super().__init__(max_concurrent_updates)
        self.handled = handled

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        if not isinstance(update, Update):
            await coroutine
            return
        if not self.handled.begin(update.update_id):
            logger.info("Update %s was delivered again; handled once already", update.update_id)
            if asyncio.iscoroutine(coroutine):
                coroutine.close()
            return
        try:
            await coroutine
        finally:
            self.handled.finish(update.update_id)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


async def private_chats_only(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stops an update from a group, supergroup or channel before any handler sees it."""
    chat = update.effective_chat
    if chat is not None and chat.type != ChatType.PRIVATE:
        logger.info("Update %s from a %s chat ignored: the bot talks in private chats only",
                    update.update_id, chat.type)
        raise ApplicationHandlerStop
