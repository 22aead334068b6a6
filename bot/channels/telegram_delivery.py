"""Telegram delivery: sending with retries, once-only and in-order handling, pushed answers.

The Bot API answers a flood with HTTP 429 and `retry_after`, and fails now and then
with a network error or a 5xx; python-telegram-bot raises `RetryAfter`, `TimedOut`
or `NetworkError` then and does not retry by itself. This module holds the small
pieces that make delivery dependable, and the task that pushes caseworkers' answers
to the participants' chats. (Updates Telegram delivers twice: telegram_updates.py.)
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import warnings
import weakref
from typing import Any, Awaitable, Callable, Optional, Protocol, Sequence, Set, TypeVar

from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions, Message
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.channels.bounded import BoundedDict
from bot.channels.telegram_bridge import chat_id_of, split_text
from bot.channels.texts import CASEWORKER_ANSWER
from bot.i18n.catalogs import Translator
from bot.i18n.formatting import directional
from bot.language.supported import BY_CODE

logger = logging.getLogger(__name__)

T = TypeVar("T")

# Course pages carry source links; a preview card for each would bury the answer.
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def retry_after_seconds(error: RetryAfter) -> float:
    """`retry_after` in seconds, whether the library hands out an int or a timedelta."""
    with warnings.catch_warnings():
        # PTB 22 warns that the attribute will become a timedelta; both forms are handled.
        warnings.simplefilter("ignore")
        value: Any = error.retry_after
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


async def with_retries(call: Callable[[], Awaitable[T]], description: str, attempts: int = 5,
                       base_delay: float = 0.5, max_delay: float = 30.0) -> T:
    """Runs a Bot API call; waits `retry_after` on a 429, backs off on network errors.

    A BadRequest is raised at once (it is a NetworkError subclass in PTB, but the same
    request would fail again). A TimedOut send may in rare cases have arrived anyway;
    a message twice is better than an answer lost.
    """
    for attempt in range(1, attempts + 1):
        try:
            return await call()
        except RetryAfter as exc:
            error: TelegramError = exc
            delay = retry_after_seconds(exc)
        except BadRequest:
            raise
        except NetworkError as exc:
            error = exc
            delay = min(max_delay, base_delay * 2 ** (attempt - 1))
        if attempt == attempts:
            raise error
        logger.warning("%s failed (%s); try %d of %d in %.1f s", description, error, attempt + 1,
                       attempts, delay)
        await asyncio.sleep(delay)
    raise AssertionError("unreachable")


async def send_text(bot: Bot, chat_id: int, text: str,
                    markup: Optional[InlineKeyboardMarkup] = None) -> Message:
    """Sends one message (at most 4096 characters) with retries."""
    return await with_retries(
        lambda: bot.send_message(chat_id, text, reply_markup=markup, link_preview_options=NO_PREVIEW),
        f"sendMessage to chat {chat_id}")


async def send_long_text(bot: Bot, chat_id: int, text: str) -> None:
    """Sends a text of any length, split at sentence boundaries."""
    for part in split_text(text):
        await send_text(bot, chat_id, part)


class ChatLocks:
    """One asyncio.Lock per chat: one chat's messages are answered in order.

    Weak values: a lock that no handler holds or waits for is dropped, so the map
    does not grow with the number of chats ever seen.
    """

    def __init__(self) -> None:
        self._locks: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()

    def __call__(self, chat_id: int) -> asyncio.Lock:
        lock = self._locks.get(chat_id)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[chat_id] = lock
        return lock


class ChatLanguages:
    """The last language seen per chat (bounded; the oldest chats are forgotten first)."""

    def __init__(self, capacity: int = 10_000):
        self._languages: BoundedDict[int, str] = BoundedDict(capacity)

    def get(self, chat_id: int) -> Optional[str]:
        return self._languages.get(chat_id)

    def remember(self, chat_id: int, language: Optional[str]) -> None:
        if language not in BY_CODE:
            return
        assert language is not None
        self._languages[chat_id] = language


class AnsweredEscalation(Protocol):
    reference: str
    sender_id: str
    language: str
    answer: Optional[str]


class AnswerSource(Protocol):
    """What the pusher needs of the escalation store."""

    def unnotified_answers(self, channel: str, limit: int = 100) -> Sequence[AnsweredEscalation]: ...

    def mark_notified(self, reference: str) -> None: ...


class AnswerPusher:
    """Sends caseworkers' answers to the participants' Telegram chats, every few seconds.

    An answer is marked as notified only after Telegram accepted it; a database or
    network error leaves it for the next round. If marking fails after a successful
    send, the reference is remembered so that the next round marks it without
    sending it twice.
    """

    CHANNEL = "telegram"

    def __init__(self, bot: Bot, store: Callable[[], AnswerSource], translator: Translator,
                 locks: ChatLocks, interval: float, default_language: str = "nb"):
        self.bot = bot
        self.store = store
        self.translator = translator
        self.locks = locks
        self.interval = interval
        self.default_language = default_language
        self._sent_unmarked: Set[str] = set()

    async def run_forever(self) -> None:
        while True:
            try:
                await self.push_once()
            except Exception:  # a bug here must not end pushing for the life of the process
                logger.exception("Pushing caseworker answers failed; trying again in %.0f s",
                                 self.interval)
            await asyncio.sleep(self.interval)

    async def push_once(self) -> int:
        """Pushes the answers waiting now; returns how many are settled (sent or undeliverable)."""
        try:
            store = await asyncio.to_thread(self.store)
            pending = await asyncio.to_thread(store.unnotified_answers, self.CHANNEL)
        except Exception:
            logger.exception("Could not read caseworker answers; trying again in %.0f s", self.interval)
            return 0
        settled = 0
        for escalation in pending:
            if escalation.reference not in self._sent_unmarked:
                if not await self._deliver(escalation):
                    continue
                self._sent_unmarked.add(escalation.reference)
            try:
                await asyncio.to_thread(store.mark_notified, escalation.reference)
            except Exception:
                logger.exception("Answer %s was sent but could not be marked; marking it next round",
                                 escalation.reference)
                continue
            self._sent_unmarked.discard(escalation.reference)
            settled += 1
        return settled

    def message(self, escalation: AnsweredEscalation) -> str:
        language = escalation.language if escalation.language in BY_CODE else self.default_language
        heading = self.translator.gettext(language, CASEWORKER_ANSWER, reference=escalation.reference)
        return f"{directional(heading, language)}\n\n{escalation.answer or ''}".strip()

    async def _deliver(self, escalation: AnsweredEscalation) -> bool:
        """True if sent, or if it can never be sent (then it must not be retried forever)."""
        chat_id = chat_id_of(escalation.sender_id)
        if chat_id is None:
            logger.error("Answer %s belongs to %r, which is not a Telegram chat; not pushed",
                         escalation.reference, escalation.sender_id)
            return True
        try:
            async with self.locks(chat_id):  # not in the middle of a reply to that chat
                await send_long_text(self.bot, chat_id, self.message(escalation))
        except (Forbidden, BadRequest) as exc:
            # Blocked bot or deleted chat: the participant still sees the answer by asking.
            logger.warning("Answer %s could not be pushed to chat %s (%s); not retried",
                           escalation.reference, chat_id, exc)
            return True
        except TelegramError as exc:
            logger.warning("Answer %s not pushed to chat %s yet (%s); trying again next round",
                           escalation.reference, chat_id, exc)
            return False
        logger.info("Pushed the answer to %s to chat %s", escalation.reference, chat_id)
        return True
