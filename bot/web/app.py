"""Wiring of the web app: blueprints, static files, security headers, errors, start-up.

One Sanic app serves the participants' chat (chat.py), the caseworker login
(auth.py) and the dashboard (dashboard.py) on the web port.
"""

from __future__ import annotations

import logging
import sys
from typing import Optional

from sanic import Sanic, response
from sanic.exceptions import MethodNotSupported, NotFound, SanicException
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.config import Settings, get_settings
from bot.files import private_files
from bot.rasa_client import RasaClient
from bot.services import Services
from bot.web import auth, chat, dashboard, insights, learning
from bot.web.context import STATIC, WebContext
from bot.web.limits import RateLimiter
from bot.web.locale import D_
from bot.web.pages import dashboard_page, gettext

logger = logging.getLogger(__name__)

# Every asset is ours; no inline script or style, so injected markup could not run even
# if it slipped past the escaping.
SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'self'; script-src 'self'; style-src 'self'; "
                                "img-src 'self' data:; connect-src 'self'; form-action 'self'; "
                                "frame-ancestors 'none'; base-uri 'none'; object-src 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
PAGE_NOT_FOUND = D_("This page does not exist.")
SERVER_ERROR = D_("Something went wrong on our side. It has been logged; please try again.")


def create_app(settings: Optional[Settings] = None, services: Optional[Services] = None,
               name: str = "amo_web", rasa: Optional[RasaClient] = None) -> Sanic:
    """The web app; `rasa` is the client of the Rasa server (default: one from the settings,
    opened with the server and closed after it)."""
    settings = settings or get_settings()
    services = services or Services(settings)
    app = Sanic(name)
    app.config.REQUEST_MAX_SIZE = 64 * 1024  # a message is at most 4000 characters
    app.config.FALLBACK_ERROR_FORMAT = "json"
    app.ctx.web = WebContext(settings, services, rasa=rasa)
    app.ctx.chat_limiter = RateLimiter()
    app.blueprint(chat.bp)
    app.blueprint(auth.bp)
    app.blueprint(dashboard.bp)
    app.blueprint(insights.bp)
    app.blueprint(learning.bp)
    app.static("/static", str(STATIC), name="static")

    @app.get("/health")
    async def health(_request: Request) -> HTTPResponse:
        """For the supervisor's start-up check; touches neither Rasa nor the database."""
        return response.json({"status": "ok"})

    async def open_resources(app: Sanic, _loop: object) -> None:
        # Creating the schema here (not at import) keeps `import bot.web` free of I/O.
        app.ctx.web.services.escalations.create_schema()
        if app.ctx.web.rasa is None:
            app.ctx.web.rasa = RasaClient.from_settings(app.ctx.web.settings)
            app.ctx.own_rasa = True

    async def close_resources(app: Sanic, _loop: object) -> None:
        if getattr(app.ctx, "own_rasa", False) and app.ctx.web.rasa is not None:
            await app.ctx.web.rasa.aclose()
            app.ctx.web.rasa = None

    app.register_listener(open_resources, "before_server_start")
    app.register_listener(close_resources, "after_server_stop")

    @app.middleware("response")
    async def security_headers(_request: Request, resp: HTTPResponse) -> None:
        for header, value in SECURITY_HEADERS.items():
            resp.headers.setdefault(header, value)

    @app.exception(NotFound, MethodNotSupported)
    async def not_found(request: Request, exc: SanicException) -> HTTPResponse:
        status = getattr(exc, "status_code", 404)
        if request.path.startswith("/dashboard"):
            return dashboard_page(request, "message.html", status=status,
                                  message=gettext(request)(PAGE_NOT_FOUND))
        return response.json({"error": str(exc)}, status=status)

    @app.exception(Exception)
    async def server_error(request: Request, exc: Exception) -> HTTPResponse:
        if isinstance(exc, SanicException) and getattr(exc, "status_code", 500) < 500:
            return response.json({"error": str(exc)}, status=exc.status_code)
        logger.error("Error in %s %s", request.method, request.path, exc_info=exc)
        if request.path.startswith("/dashboard"):
            return dashboard_page(request, "message.html", status=500,
                                  message=gettext(request)(SERVER_ERROR))
        return response.json({"error": "internal error"}, status=500)

    return app


def main() -> None:
    """Serves the app on the configured host and web port (`python -m bot.web`)."""
    from bot.ports import PortTaken, check_ports

    private_files()
    settings = get_settings()
    try:
        check_ports(settings, ("web",))
    except PortTaken as exc:
        sys.exit(str(exc))
    logging.basicConfig(level=settings.log_level, stream=sys.stdout,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = create_app(settings)
    logger.info("Web chat on %s/ and caseworker dashboard on %s/dashboard", settings.web_url,
                settings.web_url)
    app.run(host=settings.host, port=settings.web_port, workers=1, access_log=False,
            motd=False, debug=False)
