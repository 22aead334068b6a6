"""Webhook mode of the Telegram channel: Telegram posts updates to a URL we serve.

A small aiohttp server (aiohttp comes with Rasa) rather than PTB's run_webhook, which
needs tornado, an extra this project does not install. Every call must carry the
secret registered with setWebhook; anything else gets 403, whatever bytes it sends.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import signal
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from bot.channels.telegram_delivery import with_retries
from bot.config import Settings

logger = logging.getLogger(__name__)

# The updates the channel subscribes to, in polling and in webhook mode.
ALLOWED_UPDATES = ["message", "callback_query"]


def webhook_secret(settings: Settings) -> str:
    """The secret Telegram sends with every webhook call: configured, or derived from the token."""
    return settings.telegram_webhook_secret or hashlib.sha256(
        f"amo-webhook:{settings.telegram_token}".encode()).hexdigest()[:48]


async def serve_webhook(application: Application, settings: Settings) -> None:
    """Webhook mode: Telegram posts updates to AMO_TELEGRAM_WEBHOOK_URL; we listen behind a proxy."""
    url = settings.telegram_webhook_url
    secret = webhook_secret(settings)

    async def receive(request: web.Request) -> web.Response:
        # As bytes: compare_digest refuses str with non-ASCII characters, and anyone can
        # send any header.
        given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        if not hmac.compare_digest(given.encode("utf-8", "surrogateescape"), secret.encode()):
            logger.warning("Webhook call without the right secret from %s refused", request.remote)
            return web.Response(status=403)
        try:
            update = Update.de_json(await request.json(), application.bot)
        except Exception:
            logger.warning("Webhook call with a body that is not an update refused")
            return web.Response(status=400)
        await application.update_queue.put(update)
        return web.Response()

    server = web.Application()
    server.router.add_post(urlsplit(url).path or "/", receive)
    runner = web.AppRunner(server, access_log=None)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with application:  # getMe: an InvalidToken surfaces here
        await with_retries(lambda: application.bot.set_webhook(
            url, secret_token=secret, allowed_updates=ALLOWED_UPDATES), "setWebhook")
        await application.start()
        if application.post_init is not None:
            await application.post_init(application)
        await runner.setup()
        await web.TCPSite(runner, settings.host, settings.telegram_webhook_port).start()
        logger.info("Telegram webhook %s served on %s:%s", url, settings.host,
                    settings.telegram_webhook_port)
        try:
            await stop.wait()
        finally:
            await runner.cleanup()
            await application.stop()
            if application.post_stop is not None:
                await application.post_stop(application)
