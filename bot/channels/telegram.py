"""Telegram channel: python-telegram-bot in front of Rasa's REST webhook.

Run it with `python -m bot.channels.telegram`. It long-polls the Bot API (or, with
`AMO_TELEGRAM_WEBHOOK_URL`, receives a webhook), passes every text to Rasa as the
conversation `telegram-<chat id>` with the user's `language_code`, and sends Rasa's
replies back with inline keyboards. Caseworkers' answers are pushed to the chat.
Without a token, or with one Telegram rejects, it says so in one log line and exits 0
so that the rest of the bot runs on.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
from typing import Callable, Dict, Optional, cast

from telegram import Update
from telegram.error import BadRequest, InvalidToken
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.channels.telegram_bridge import CallbackPayloads, outgoing, sender_for
from bot.channels.telegram_delivery import (
    AnswerPusher,
    AnswerSource,
    ChatLanguages,
    ChatLocks,
    send_long_text,
    send_text,
    with_retries,
)
from bot.channels.telegram_updates import (
    HandledUpdates,
    OnceOnly,
    private_chats_only,
    watermark_file,
)
from bot.channels.telegram_webhook import ALLOWED_UPDATES, serve_webhook
from bot.channels.texts import HELP, SERVER_DOWN, TEXT_ONLY
from bot.config import Settings, get_settings
from bot.files import private_files
from bot.i18n.catalogs import Translator, get_translator
from bot.i18n.formatting import directional
from bot.language.supported import normalise_code
from bot.rasa_client import RasaClient, RasaUnavailable
from bot.services import Services

# Named explicitly: run with `python -m`, __name__ would be "__main__".
logger = logging.getLogger("bot.channels.telegram")

Context = ContextTypes.DEFAULT_TYPE

# Commands and the Rasa messages they stand for (/help is answered here, in the chat's language).
COMMANDS: Dict[str, str] = {"start": "/greet", "language": "/choose_language",
                            "delete": "/delete_my_data"}


def chat_of(update: Update) -> int:
    """The chat an update belongs to (every update this channel subscribes to has one)."""
    if update.effective_chat is not None:
        return update.effective_chat.id
    if update.effective_user is not None:  # a button under an inaccessible message
        return update.effective_user.id
    raise ValueError(f"update {update.update_id} has no chat")


class TelegramChannel:
    """The handlers of the Telegram channel and the state they share."""

    def __init__(self, settings: Settings, rasa: RasaClient, store: Callable[[], AnswerSource],
                 translator: Optional[Translator] = None):
        self.settings = settings
        self.translator = translator or get_translator(settings.translations_dir)
        self.rasa = rasa
        self.payloads = CallbackPayloads()
        self.languages = ChatLanguages()
        self.locks = ChatLocks()
        self.handled = HandledUpdates(watermark_file(settings.var_dir, settings.telegram_token))
        self.store = store
        self._pusher: Optional[asyncio.Task[None]] = None

    # Life cycle ---------------------------------------------------------------------

    async def start(self, application: Application) -> None:
        """Starts pushing caseworkers' answers (a plain task: PTB's JobQueue needs a newer APScheduler)."""
        pusher = AnswerPusher(application.bot, self.store, self.translator, self.locks,
                              self.settings.telegram_push_seconds, self.settings.default_language)
        self._pusher = asyncio.create_task(pusher.run_forever(), name="caseworker-answers")

    async def stop(self, _application: Application) -> None:
        if self._pusher is not None:
            self._pusher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._pusher
            self._pusher = None
        await self.rasa.aclose()

    # Handlers -------------------------------------------------------------------------

    async def on_command(self, update: Update, context: Context) -> None:
        """/start, /language, /delete: the matching message to Rasa."""
        text = update.effective_message.text if update.effective_message else None
        # "/start", "/start@amo_bot" or "/start payload" all mean start.
        command = (text or "/start").split()[0].lstrip("/").split("@")[0].lower()
        async with self.locks(chat_of(update)):
            await self.converse(update, context, COMMANDS.get(command, "/greet"))

    async def on_help(self, update: Update, context: Context) -> None:
        """/help and unknown commands: what the bot does, in the conversation's language."""
        chat_id = chat_of(update)
        async with self.locks(chat_id):
            language = await self.language_of(update)
            await send_long_text(context.bot, chat_id, self.text(language, HELP))

    async def on_text(self, update: Update, context: Context) -> None:
        """A text message: to Rasa, and Rasa's replies back."""
        text = update.effective_message.text if update.effective_message else None
        async with self.locks(chat_of(update)):
            await self.converse(update, context, text or "")

    async def on_button(self, update: Update, context: Context) -> None:
        """A pressed button: acknowledged, its keyboard removed, its payload sent to Rasa."""
        query = update.callback_query
        assert query is not None
        chat_id = chat_of(update)
        async with self.locks(chat_id):
            try:
                await with_retries(query.answer, f"answerCallbackQuery in chat {chat_id}")
            except BadRequest as exc:  # too old to answer: the press itself still counts
                logger.info("Button press in chat %s not acknowledged: %s", chat_id, exc)
            if query.message is not None:
                try:
                    # Old buttons would otherwise stay pressable after the conversation moved on.
                    await with_retries(lambda: query.edit_message_reply_markup(None),
                                       f"editMessageReplyMarkup in chat {chat_id}")
                except BadRequest as exc:  # e.g. already removed by an earlier press
                    logger.info("Keyboard of a message in chat %s not removed: %s", chat_id, exc)
            await self.converse(update, context, self.payload_of(query.data or "", update))

    async def on_other(self, update: Update, context: Context) -> None:
        """Voice, photos, stickers, files, places...: we can only read text, and say so."""
        chat_id = chat_of(update)
        async with self.locks(chat_id):
            language = await self.language_of(update)
            await send_text(context.bot, chat_id, self.text(language, TEXT_ONLY))

    async def on_error(self, update: object, context: Context) -> None:
        """Logs every error of a handler, with the traceback, before anything else."""
        update_id = update.update_id if isinstance(update, Update) else None
        logger.error("Telegram update %s could not be handled", update_id, exc_info=context.error)

    # Helpers --------------------------------------------------------------------------

    async def converse(self, update: Update, context: Context, text: str) -> None:
        """Sends `text` to Rasa as this chat's message and delivers the replies (lock held)."""
        chat_id = chat_of(update)
        user = update.effective_user
        metadata = {"channel": "telegram", "chat_id": chat_id,
                    "language_code": user.language_code if user else None}
        try:
            replies = await self.rasa.send(sender_for(chat_id), text, metadata)
        except RasaUnavailable as exc:
            logger.error("Rasa did not answer a message of chat %s: %s", chat_id, exc)
            language = self.languages.get(chat_id) or self.hint(update)
            await send_text(context.bot, chat_id, self.text(language, SERVER_DOWN))
            return
        for message in outgoing(replies, self.payloads):
            await send_text(context.bot, chat_id, message.text, message.keyboard)
        # Read after replying, so the participant does not wait for it; /help and the
        # text-only note then speak the conversation's language even if Rasa goes down.
        self.languages.remember(chat_id, await self.rasa.language(sender_for(chat_id)))

    async def language_of(self, update: Update) -> str:
        """The conversation's language: seen before, else Rasa's slot, else the user's app language."""
        chat_id = chat_of(update)
        language = self.languages.get(chat_id)
        if language is None:
            language = await self.rasa.language(sender_for(chat_id))
            self.languages.remember(chat_id, language)
        return language or self.hint(update)

    def hint(self, update: Update) -> str:
        """The user's Telegram app language if we speak it, else the default."""
        user = update.effective_user
        return normalise_code(user.language_code if user else None) or self.settings.default_language

    def text(self, language: str, msgid: str) -> str:
        return directional(self.translator.gettext(language, msgid), language)

    def payload_of(self, data: str, update: Update) -> str:
        """The Rasa payload behind a button; for a forgotten key, the button's title."""
        payload = self.payloads.payload_for(data)
        if payload is not None:
            return payload
        message = update.callback_query.message if update.callback_query else None
        markup = getattr(message, "reply_markup", None)
        for row in getattr(markup, "inline_keyboard", ()):
            for button in row:
                if button.callback_data == data:
                    logger.info("Unknown button key (restarted?); sending its title instead")
                    return str(button.text)
        logger.warning("Unknown button key and no title; starting the conversation over")
        return "/greet"


def build_application(settings: Settings, channel: TelegramChannel) -> Application:
    """The Application with every handler: the one place where the channel is wired."""
    builder = (ApplicationBuilder().token(settings.telegram_token)
               # Different chats in parallel; one chat in order (TelegramChannel.locks);
               # each update once, also after a restart (bot.channels.telegram_updates).
               .concurrent_updates(OnceOnly(channel.handled))
               # The JobQueue needs APScheduler >= 3.10.4; Rasa pins an older one.
               .job_queue(None)
               .post_init(channel.start)
               .post_stop(channel.stop))
    if settings.telegram_api_base_url:
        base = settings.telegram_api_base_url.rstrip("/")
        builder = builder.base_url(f"{base}/bot").base_file_url(f"{base}/file/bot")
    application = builder.build()
    application.add_handler(TypeHandler(Update, private_chats_only), group=-1)
    application.add_handler(CommandHandler(list(COMMANDS), channel.on_command))
    application.add_handler(CommandHandler("help", channel.on_help))
    application.add_handler(MessageHandler(filters.COMMAND, channel.on_help))
    application.add_handler(MessageHandler(filters.TEXT, channel.on_text))
    application.add_handler(CallbackQueryHandler(channel.on_button))
    # UpdateType first: an inverted filter alone would also match non-message updates.
    application.add_handler(MessageHandler(
        filters.UpdateType.MESSAGE & ~filters.TEXT & ~filters.StatusUpdate.ALL, channel.on_other))
    application.add_error_handler(channel.on_error)
    return application


class _WithoutInvalidTokenTrace(logging.Filter):
    """PTB logs a rejected token with a traceback; main() says it in one clear line instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], InvalidToken))


def configure_logging(settings: Settings) -> None:
    logging.basicConfig(level=settings.log_level.upper(), stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # httpx logs every request URL at INFO, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("telegram.ext").addFilter(_WithoutInvalidTokenTrace())


def main() -> int:
    """Runs the channel until SIGINT/SIGTERM; 0 also when Telegram is off (no or rejected token)."""
    private_files()
    settings = get_settings()
    configure_logging(settings)
    if not settings.telegram_token:
        logger.warning("Telegram is off: TELEGRAM_TOKEN is not set (see README, Telegram). "
                       "The rest of the bot runs without it.")
        return 0
    services = Services(settings)  # the escalation store is built on first use
    channel = TelegramChannel(settings, RasaClient.from_settings(settings),
                              lambda: cast(AnswerSource, services.escalations), services.translator)
    application = build_application(settings, channel)
    try:
        if settings.telegram_webhook_url:
            asyncio.run(serve_webhook(application, settings))
        else:
            application.run_polling(allowed_updates=ALLOWED_UPDATES, close_loop=False)
    except InvalidToken:
        logger.error("Telegram is off: Telegram rejected TELEGRAM_TOKEN (getMe: unauthorized). "
                     "Copy the token from @BotFather into .env again.")
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
