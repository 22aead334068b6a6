"""What every route handler shares: settings, services, templates and off-loop calls."""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Optional, TypeVar

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.config import Settings
from bot.db import utcnow
from bot.rasa_client import RasaClient
from bot.services import Services

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

T = TypeVar("T")


def template_environment() -> Environment:
    """Jinja2 with autoescaping on for every template: participants' text is never markup."""
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


@dataclass
class WebContext:
    """Held on `app.ctx.web`; built once at start-up."""

    settings: Settings
    services: Services
    templates: Environment = field(default_factory=template_environment)
    # The process's client of Rasa; opened when the server starts, closed when it stops.
    rasa: Optional[RasaClient] = None
    # The dashboard's clock (waiting times, overdue questions); tests fix it.
    now: Callable[[], dt.datetime] = utcnow


def web(request: Request) -> WebContext:
    context: WebContext = request.app.ctx.web
    return context


def render(request: Request, template: str, status: int = 200,
           headers: Optional[Dict[str, str]] = None, **context: Any) -> HTTPResponse:
    html = web(request).templates.get_template(template).render(**context)
    return response.html(html, status=status, headers=headers)


async def blocking(func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Runs a blocking call (database, password hashing) in a thread, off the event loop.

    Scrypt takes tens of milliseconds by design; on the loop it would stall every chat
    reply for that long.
    """
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, functools.partial(func, *args, **kwargs))
