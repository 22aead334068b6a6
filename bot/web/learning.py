"""The learning loop on the dashboard: the NLU inbox (trainers, admins), train-and-publish
(admins) and translation review (reviewers of their languages, admins of all)."""

from __future__ import annotations

import subprocess
import sys
from typing import List, Optional

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.accounts import audit
from bot.i18n import review
from bot.language.supported import BY_CODE, SUPPORTED
from bot.learning import inbox
from bot.learning.examples import ExampleRejected
from bot.learning.labelling import dismiss, intents, label
from bot.learning.publish_state import PID_FILE, publish_state
from bot.web.auth import Caseworker, login_required
from bot.web.context import blocking, web
from bot.web.locale import D_
from bot.web.pages import dashboard_page, gettext

bp = Blueprint("learning", url_prefix="/dashboard")

NOT_ALLOWED = D_("Your account does not have access to this page.")
LABELLED = D_("Saved as a training example. It is taught to the bot at the next training.")
DISMISSED = D_("Dismissed.")
APPROVED = D_("Saved. The bot uses the reviewed text within a few seconds.")
TRAINING = D_("Training started. It takes a few minutes; reload this page to see the result.")
BUSY = D_("A training is already running.")


def _user(request: Request) -> Caseworker:
    caseworker: Caseworker = request.ctx.caseworker
    return caseworker


def _forbidden(request: Request) -> HTTPResponse:
    return dashboard_page(request, "message.html", status=403, message=gettext(request)(NOT_ALLOWED))


def _may_train(request: Request) -> bool:
    return _user(request).user.role in ("trainer", "admin")


def review_languages(request: Request) -> Optional[List[str]]:
    """The languages the account reviews; None when it may not review."""
    user = _user(request).user
    if user.role == "admin":
        return [code for code in SUPPORTED if code != "en"]
    if user.role == "reviewer":
        return [code for code in user.offices if code in BY_CODE and code != "en"]
    return None


def _publish_status(request: Request) -> dict:
    return publish_state(web(request).settings.var_dir)


@bp.get("/inbox/")
@login_required
async def inbox_page(request: Request) -> HTTPResponse:
    """Open messages the bot was unsure about, newest first, with a label form each."""
    if not _may_train(request):
        return _forbidden(request)
    context = web(request)
    language = request.args.get("lang") or None
    items = await blocking(inbox.items, context.services.database, "open",
                           language if language in BY_CODE else None)
    notice = {"labelled": LABELLED, "dismissed": DISMISSED, "training": TRAINING,
              "busy": BUSY}.get(request.args.get("notice") or "", "")
    _ = gettext(request)
    return dashboard_page(request, "inbox.html", items=items, intents=intents(context.settings.root),
                          languages=BY_CODE, chosen=language, notice=_(notice) if notice else "",
                          error=request.args.get("error") or "", status_info=_publish_status(request),
                          is_admin=_user(request).user.role == "admin")


@bp.post("/inbox/<item_id:int>/label")
@login_required
async def label_item(request: Request, item_id: int) -> HTTPResponse:
    if not _may_train(request):
        return _forbidden(request)
    context = web(request)
    try:
        await blocking(label, context.services.database, context.settings.root, item_id,
                       str(request.form.get("intent") or ""), _user(request).user.username)
    except ExampleRejected as exc:
        return response.redirect(f"/dashboard/inbox/?error={_quote(str(exc))}", status=303)
    return response.redirect("/dashboard/inbox/?notice=labelled", status=303)


@bp.post("/inbox/<item_id:int>/dismiss")
@login_required
async def dismiss_item(request: Request, item_id: int) -> HTTPResponse:
    if not _may_train(request):
        return _forbidden(request)
    try:
        await blocking(dismiss, web(request).services.database, item_id, _user(request).user.username)
    except ExampleRejected as exc:
        return response.redirect(f"/dashboard/inbox/?error={_quote(str(exc))}", status=303)
    return response.redirect("/dashboard/inbox/?notice=dismissed", status=303)


@bp.post("/inbox/publish")
@login_required
async def publish(request: Request) -> HTTPResponse:
    """Admins only: trains and publishes in the background (`amo-bot train`)."""
    if _user(request).user.role != "admin":
        return _forbidden(request)
    settings = web(request).settings
    if _publish_status(request).get("running"):
        return response.redirect("/dashboard/inbox/?notice=busy", status=303)
    log = (settings.var_dir / "publish.log").open("w", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "bot.ops.cli", "train"], cwd=settings.root,
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    (settings.var_dir / PID_FILE).write_text(str(process.pid), encoding="utf-8")
    await blocking(audit.record, web(request).services.database, _user(request).user.username,
                   "published", "requested", "training started from the dashboard")
    return response.redirect("/dashboard/inbox/?notice=training", status=303)


@bp.get("/translations/")
@login_required
async def review_page(request: Request) -> HTTPResponse:
    """Unreviewed translations of the reviewer's languages, beside the source text."""
    languages = review_languages(request)
    if languages is None:
        return _forbidden(request)
    chosen = request.args.get("lang")
    language = chosen if chosen in languages else (languages[0] if languages else None)
    entries = (await blocking(review.entries, web(request).settings.translations_dir, language)
               if language else [])
    notice = gettext(request)(APPROVED) if request.args.get("notice") == "approved" else ""
    return dashboard_page(request, "review.html", languages=languages, language_code=language,
                          names=BY_CODE, entries=entries[:200], total=len(entries), notice=notice,
                          error=request.args.get("error") or "")


@bp.post("/translations/approve")
@login_required
async def approve(request: Request) -> HTTPResponse:
    """Saves a reviewed (possibly corrected) translation; it loses the `unreviewed` flag."""
    languages = review_languages(request)
    language = str(request.form.get("language") or "")
    if languages is None or language not in languages:
        return _forbidden(request)
    domain, msgid = str(request.form.get("domain") or ""), str(request.form.get("msgid") or "")
    try:
        await blocking(review.approve, web(request).settings.translations_dir, domain, language,
                       msgid, str(request.form.get("text") or ""))
    except review.ReviewError as exc:
        return response.redirect(f"/dashboard/translations/?lang={language}&error={_quote(str(exc))}",
                                 status=303)
    await blocking(audit.record, web(request).services.database, _user(request).user.username,
                   "translation_approved", f"{language}:{domain}"[:16], msgid[:255])
    return response.redirect(f"/dashboard/translations/?lang={language}&notice=approved", status=303)


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text[:300])
