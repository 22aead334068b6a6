"""Insights page for course admins: figures, charts and a CSV export (admins only)."""

from __future__ import annotations

import io
from typing import Any, Dict, List, Tuple

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.escalations.gist import intent_label
from bot.insights import Insights, compute, write_csv
from bot.language.supported import BY_CODE
from bot.web.auth import Caseworker, login_required
from bot.web.charts import bar_chart
from bot.web.context import blocking, web
from bot.web.locale import D_, language_of
from bot.web.pages import dashboard_page, gettext

bp = Blueprint("insights", url_prefix="/dashboard/insights")

PERIODS = (7, 30, 90, 365)
ADMINS_ONLY = D_("Only admins can see the insights.")


def _period(request: Request) -> int:
    try:
        days = int(request.args.get("since") or 30)
    except ValueError:
        return 30
    return days if days in PERIODS else 30


async def _insights(request: Request, days: int) -> Insights:
    context = web(request)
    return await blocking(compute, context.settings, context.services.database.engine, days,
                          context.now())


def _is_admin(request: Request) -> bool:
    caseworker: Caseworker = request.ctx.caseworker
    return caseworker.user.role == "admin"


@bp.get("/")
@login_required
async def insights_page(request: Request) -> HTTPResponse:
    """Figures per language, channel, course and week, with charts."""
    _ = gettext(request)
    if not _is_admin(request):
        return dashboard_page(request, "message.html", status=403, message=_(ADMINS_ONLY))
    days = _period(request)
    found = await _insights(request, days)
    data = found.as_dict()
    names = {code: language.native_name for code, language in BY_CODE.items()}
    by_language = data["by_language"]
    translator, language = web(request).services.translator, language_of(request)
    figures: List[Tuple[str, List[Tuple[str, float]], bool]] = [
        (_("Messages per language"), [(names.get(k, k), v["messages"]) for k, v in by_language.items()], False),
        (_("Fallback rate per language"),
         [(names.get(k, k), v["fallback_rate"]) for k, v in by_language.items()], True),
        (_("Questions for caseworkers per week"), [(k, v["questions"]) for k, v in data["by_week"].items()], False),
        (_("Most frequent topics"), [(intent_label(name, translator, language), count)
                                     for name, count in data["total"]["top_intents"]], False),
    ]
    charts = [(title, bar_chart(title, rows, percent)) for title, rows, percent in figures]
    tables: List[Tuple[str, Dict[str, Any]]] = [
        (_("By language"), {names.get(k, k): v for k, v in by_language.items()}),
        (_("By channel"), data["by_channel"]), (_("By course"), data["by_course"]),
        (_("By week"), data["by_week"])]
    return dashboard_page(request, "insights.html", data=data, charts=charts, tables=tables,
                          days=days, periods=PERIODS)


@bp.get("/insights.csv")
@login_required
async def insights_csv(request: Request) -> HTTPResponse:
    """The same figures as CSV, one row per language, channel, course and week."""
    if not _is_admin(request):
        return response.text(gettext(request)(ADMINS_ONLY), status=403)
    days = _period(request)
    out = io.StringIO()
    write_csv((await _insights(request, days)).rows(), out)
    return response.text(out.getvalue(), content_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="amo-insights-{days}d.csv"'})
