"""Caseworker dashboard: the queue of questions, one question's page, and its actions.

Every route runs behind `login_required`; what a caseworker may see is decided by
bot.escalations.queue (own offices only; admins all), and a question outside that
answers 404 exactly like one that does not exist.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Dict, List, Mapping, Optional

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.accounts import audit
from bot.content.model import Catalogue
from bot.escalations.canned import CANNED_ANSWERS, MT_LABEL
from bot.escalations.gist import gist, is_overdue, language_name, render_turn, working_days_waited
from bot.escalations.queue import STATUSES, Filters, facets, queue, visible
from bot.escalations.store import ClosedError, ConflictError, Escalation, EscalationStore
from bot.i18n.catalogs import MESSAGES
from bot.i18n.review_status import is_unreviewed
from bot.language.supported import BY_CODE, is_rtl
from bot.machine_translation import TranslationUnavailable
from bot.masking import mask_answer
from bot.services import Services
from bot.web.auth import Caseworker, login_required, safe_next
from bot.web.context import blocking, web
from bot.web.locale import COOKIE, D_, LANGUAGES, age, language_of, when
from bot.web.pages import dashboard_page, gettext

MAX_ANSWER_CHARS = 4000
_REFERENCE = re.compile(r"^K-[0-9A-Z]{4,8}$")

NOTICES = {
    "answered": D_("Your answer was saved. The participant sees it in the chat."),
    "assigned": D_("The question is now assigned to you."),
    "closed": D_("The question is resolved and closed."),
}
CONFLICT = D_("Someone else answered this question while you were writing, so your answer was NOT saved. Their answer is shown above; your text is still in the box. Send it only if it should replace theirs.")
EMPTY_ANSWER = D_("Write an answer, or pick a prepared answer.")
TOO_LONG = D_("The answer is too long: at most %(max)s characters.")
NOT_FOUND = D_("There is no question %(reference)s that you can see.")
CLOSED = D_("This question is closed, so it takes no answer: your answer was NOT sent. Your text is shown below. If the participant still needs it, they can ask a new question.")
MT_FAILED = D_("The machine translation server did not answer, so nothing was sent. Send the answer without machine translation, or try again later.")

bp = Blueprint("dashboard", url_prefix="/dashboard")


def parse_filters(args: Mapping[str, Any]) -> Filters:
    """Filters from the query string; unknown values are ignored rather than failing."""
    def arg(name: str) -> Optional[str]:
        value = args.get(name)
        return str(value).strip() or None if value is not None else None

    status = arg("status") if "status" in args else "open"
    urgent = {"yes": True, "no": False}.get(arg("urgent") or "")
    return Filters(status=status if status in STATUSES else None, language=arg("language"),
                   course=arg("course"), office=arg("office"), urgent=urgent)


def _caseworker(request: Request) -> Caseworker:
    caseworker: Caseworker = request.ctx.caseworker
    return caseworker


def _not_found(request: Request, reference: str) -> HTTPResponse:
    message = gettext(request)(NOT_FOUND, reference=reference)
    return dashboard_page(request, "message.html", status=404, message=message)


async def _visible(request: Request, reference: str) -> Optional[Escalation]:
    if not _REFERENCE.match(reference):
        return None
    return await blocking(visible, web(request).services.escalations,
                          _caseworker(request).user, reference)


@bp.get("/")
@login_required
async def queue_page(request: Request) -> HTTPResponse:
    """The questions of the caseworker's offices, oldest first, with filters."""
    store = web(request).services.escalations
    user = _caseworker(request).user
    filters = parse_filters(request.args)
    records = await blocking(queue, store, user, filters)
    choices = await blocking(facets, store, user)
    language = language_of(request)
    context = web(request)
    now, days = context.now(), context.settings.response_days
    catalogue = _catalogue(request)
    rows = [{"record": r, "age": age(r.created_at, language, now), "created": when(r.created_at, language),
             "waited": working_days_waited(r.created_at, now), "overdue": is_overdue(r, now, days),
             "gist": gist(r, context.services.translator, language, catalogue),
             "language_name": BY_CODE[r.language].native_name if r.language in BY_CODE else r.language}
            for r in records]
    if request.args.get("overdue") == "yes":
        rows = [row for row in rows if row["overdue"]]
    overdue = sum(1 for row in rows if row["overdue"])
    return dashboard_page(request, "queue.html", rows=rows, filters=filters, choices=choices,
                          statuses=STATUSES, languages=BY_CODE, overdue=overdue,
                          response_days=days, only_overdue=request.args.get("overdue") == "yes")


def _catalogue(request: Request) -> Optional[Catalogue]:
    try:
        return web(request).services.catalogue.current()
    except Exception:  # the gist then shows course and county ids instead of names
        return None


def canned_text(request: Request, language: str, key: str) -> str:
    """A prepared answer in `language`, with the answer time participants are told."""
    services = web(request).services
    return services.translator.gettext(language, CANNED_ANSWERS[key], days=services.settings.response_days)


async def _detail(request: Request, record: Escalation, status: int = 200,
                  notice: str = "", error: str = "", draft: str = "") -> HTTPResponse:
    services = web(request).services
    language = language_of(request)
    _ = gettext(request)
    history = await blocking(audit.entries, services.escalations.database, record.reference)
    catalogue = _catalogue(request)
    turns = [render_turn(turn, record.language, services.translator, language) for turn in record.context]
    now = web(request).now()
    question_mt = await _machine_translation(services, record.question, record.language, language)
    canned: List[Dict[str, Any]] = [
        {"key": key, "label": canned_text(request, language, key),
         "text": canned_text(request, record.language, key),
         # Marked before sending: the participant would read an unchecked machine draft.
         "unchecked": is_unreviewed(services.settings.translations_dir, record.language, MESSAGES, msgid)}
        for key, msgid in CANNED_ANSWERS.items()]
    return dashboard_page(
        request, "detail.html", status=status, record=record,
        notice=_(notice) if notice else "", error=_(error, max=MAX_ANSWER_CHARS) if error else "",
        draft=draft, canned=canned, history=[(when(h.at, language), h) for h in history],
        age=age(record.created_at, language, now), created=when(record.created_at, language),
        gist=gist(record, services.translator, language, catalogue), turns=turns,
        waited=working_days_waited(record.created_at, now),
        overdue=is_overdue(record, now, web(request).settings.response_days),
        reads=reads_line(record, language), question_mt=question_mt,
        offers_mt=_offers_mt(services, record, language), response_days=web(request).settings.response_days,
        answered=when(record.answered_at, language), max_answer=MAX_ANSWER_CHARS,
        language_name=BY_CODE[record.language].native_name if record.language in BY_CODE else record.language,
        direction="rtl" if is_rtl(record.language) else "ltr")


async def _machine_translation(services: Services, text: str, source: str, target: str) -> Optional[str]:
    """`text` (already masked) translated, or None without a server or when it fails."""
    translator = services.machine_translator
    if translator is None or source == target:
        return None
    try:
        return await blocking(translator.translate, text, source, target)
    except TranslationUnavailable:
        return None


def _offers_mt(services: Services, record: Escalation, language: str) -> bool:
    """Whether the answer form offers a machine translation into the answer language."""
    return services.machine_translator is not None and (record.reply_language or record.language) != language


def reads_line(record: Escalation, language: str) -> List[str]:
    """The languages the participant reads, named in the dashboard's language."""
    codes = list(dict.fromkeys([record.reply_language or record.language, record.language]))
    return [language_name(code, language) for code in codes]


@bp.get("/e/<reference>")
@login_required
async def detail_page(request: Request, reference: str) -> HTTPResponse:
    """One question with its answer form; the view is written to the audit log."""
    record = await _visible(request, reference)
    if record is None:
        return _not_found(request, reference)
    await blocking(audit.record, web(request).services.escalations,
                   _caseworker(request).user.username, "viewed", record.reference)
    notice = NOTICES.get(request.args.get("notice") or "", "")
    return await _detail(request, record, notice=notice)


async def _change(request: Request, reference: str, event: str,
                  operation: Callable[[EscalationStore, str, str], Any]) -> HTTPResponse:
    """Applies one change to a visible question, writes it to the audit log, shows the page."""
    record = await _visible(request, reference)
    if record is None:
        return _not_found(request, reference)
    store, username = web(request).services.escalations, _caseworker(request).user.username
    await blocking(operation, store, record.reference, username)
    await blocking(audit.record, store, username, event, record.reference)
    return response.redirect(f"/dashboard/e/{record.reference}?notice={event}", status=303)


@bp.post("/e/<reference>/assign")
@login_required
async def assign(request: Request, reference: str) -> HTTPResponse:
    """Takes the question: colleagues see who works on it."""
    return await _change(request, reference, "assigned",
                         lambda store, ref, username: store.assign(ref, username))


@bp.post("/e/<reference>/answer")
@login_required
async def answer(request: Request, reference: str) -> HTTPResponse:
    """Saves an answer unless someone changed the question since the form was loaded."""
    record = await _visible(request, reference)
    if record is None:
        return _not_found(request, reference)
    services = web(request).services
    username = _caseworker(request).user.username
    text = (request.form.get("answer") or "").strip()
    canned = request.form.get("canned") or ""
    if not text and canned in CANNED_ANSWERS:
        # Without JavaScript the picked answer arrives as its key: send it in the
        # participant's language.
        text = canned_text(request, record.language, canned)
    if not text:
        return await _detail(request, record, status=400, error=EMPTY_ANSWER)
    if len(text) > MAX_ANSWER_CHARS:
        return await _detail(request, record, status=400, error=TOO_LONG, draft=text)
    if request.form.get("machine_translate") and not canned and _offers_mt(services, record, language_of(request)):
        translated = await _machine_translation(services, mask_answer(text).text, language_of(request),
                                                record.reply_language or record.language)
        if translated is None:
            return await _detail(request, record, status=503, error=MT_FAILED, draft=text)
        label = services.translator.gettext(record.reply_language or record.language, MT_LABEL)
        text = f"{text}\n\n{label}\n{translated}"
    try:
        version = int(request.form.get("version") or "")
    except ValueError:
        return await _detail(request, record, status=400, error=EMPTY_ANSWER, draft=text)
    try:
        await blocking(services.escalations.answer, record.reference, text, username,
                       expected_version=version)
    except ClosedError:
        await blocking(audit.record, services.escalations, username, "answer_refused",
                       record.reference, "the question is closed")
        current = await _visible(request, reference) or record
        return await _detail(request, current, status=409, error=CLOSED, draft=text)
    except ConflictError:
        await blocking(audit.record, services.escalations, username, "answer_conflict",
                       record.reference, f"form version {version}")
        current = await _visible(request, reference) or record
        return await _detail(request, current, status=409, error=CONFLICT, draft=text)
    await blocking(audit.record, services.escalations, username, "answered", record.reference)
    return response.redirect(f"/dashboard/e/{record.reference}?notice=answered", status=303)


@bp.post("/e/<reference>/close")
@login_required
async def close(request: Request, reference: str) -> HTTPResponse:
    """Resolves the question; it leaves the open queue."""
    return await _change(request, reference, "closed",
                         lambda store, ref, _username: store.close(ref))


@bp.get("/language/<code>")
async def choose_language(request: Request, code: str) -> HTTPResponse:
    """Switches the dashboard between Norwegian and English (a cookie; no login needed)."""
    resp = response.redirect(safe_next(request.args.get("next")), status=303)
    if code in LANGUAGES:
        resp.cookies[COOKIE] = code
        resp.cookies[COOKIE]["path"] = "/dashboard"
        resp.cookies[COOKIE]["max-age"] = 365 * 24 * 3600
        resp.cookies[COOKIE]["samesite"] = "Lax"
    return resp
