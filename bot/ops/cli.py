"""The `amo-bot` command: one click group, one function per command."""

from __future__ import annotations

import getpass
import json
import sys
from pathlib import Path
from typing import Optional

import click

from bot.config import Settings, get_settings
from bot.ops.reports import insights


def _settings() -> Settings:
    return get_settings()


@click.group()
def main() -> None:
    """AMO guide: a multilingual chatbot about NAV's labour-market courses."""


# --- running -----------------------------------------------------------------------------

@main.command()
@click.option("--force", is_flag=True, help="Train even if a model with the same inputs exists.")
def train(force: bool) -> None:
    """Train the Rasa model if its inputs (data, config, course names) changed."""
    from bot.ops.training import train as do_train

    settings = _settings()
    do_train(settings.root, settings.models_dir, force=force, echo=click.echo)


@main.command()
def setup() -> None:
    """Compile translations and train the model when needed (no servers started)."""
    _prepare(_settings())


def _prepare(settings: Settings) -> Path:
    from bot.ops.rasa_commands import ensure_token
    from bot.ops.training import train as do_train
    from bot.ops.translations import compile_all

    ensure_token(settings)  # AMO_RASA_TOKEN, or one generated into var/ once and reused
    compiled = compile_all(settings.root)
    click.echo(f"Compiled {len(compiled)} translation catalogs.")
    return do_train(settings.root, settings.models_dir, echo=click.echo)


@main.command()
@click.option("--no-train", is_flag=True, help="Use the current model; fail if there is none.")
@click.option("--production", is_flag=True,
              help="Two Rasa and two action servers behind nginx, PostgreSQL stores, Redis lock store.")
def run(no_train: bool, production: bool) -> None:
    """Start the Rasa server, the action server and the web pages; Ctrl-C stops all."""
    from bot.ops.supervisor import Supervisor, commands
    from bot.ops.training import latest_model
    from bot.ports import PortTaken, check_ports

    settings = _settings()
    try:
        check_ports(settings, ("rasa", "actions", "web"))
    except PortTaken as exc:
        raise click.ClickException(str(exc)) from None
    model = latest_model(settings.root, settings.models_dir) if no_train else _prepare(settings)
    if model is None:
        raise click.ClickException("No trained model: run `make setup` first.")
    env = {}
    if production:
        from bot.ops.production import (
            ProfileError,
            ensure_database,
            production_commands,
            production_settings,
        )

        settings = production_settings(settings)
        try:
            ensure_database(settings.database_url)
            children = production_commands(settings, model, sys.executable, settings.redis_url)
        except ProfileError as exc:
            raise click.ClickException(str(exc)) from None
        except Exception as exc:
            raise click.ClickException(f"PostgreSQL at {settings.database_url} is not reachable: {exc}") from None
        env = {"AMO_DATABASE_URL": settings.database_url, "AMO_TRACKER_STORE_URL": settings.tracker_store_url}
    else:
        children = commands(settings, model)
    supervisor = Supervisor(children, cwd=settings.root, env=env)
    supervisor.start()
    supervisor.say("Starting the Rasa server (about 30 s), the action server and the web pages...")
    if not supervisor.wait_healthy():
        supervisor.stop()
        raise click.ClickException("The bot did not start; see the log lines above.")
    supervisor.say(f"Ready. Web chat: {settings.web_url}/   Caseworker dashboard: {settings.web_url}/dashboard")
    supervisor.say(f"REST: POST {settings.rasa_url}/webhooks/rest/webhook "
                   '{"sender": "me", "message": "hei"}')
    supervisor.say("Talk in the terminal: .venv/bin/amo-bot chat   (Ctrl-C here stops everything)")
    sys.exit(supervisor.watch())


@main.command()
@click.option("--language", "-l", default=None, help="Language hint, e.g. nb, en, ar, uk.")
@click.option("--sender", default="terminal", help="Conversation id.")
@click.option("--url", default=None, help="Rasa server URL (default from settings).")
def chat(language: Optional[str], sender: str, url: Optional[str]) -> None:
    """Talk to the running bot in the terminal."""
    import asyncio

    from bot.rasa_client import RasaClient, RasaUnavailable

    async def converse(rasa: RasaClient) -> None:
        async with rasa:
            while True:
                try:
                    text = click.prompt("you", default="", show_default=False)
                except (EOFError, click.Abort):
                    return
                if not text.strip():
                    return
                try:
                    replies = await rasa.send(sender, text, language=language)
                except RasaUnavailable as exc:
                    raise click.ClickException(f"{exc}. Is the bot running? Start it with `make run`.") from None
                for reply in replies:
                    click.echo(f"bot: {reply.get('text', '')}")
                    for button in reply.get("buttons") or []:
                        click.echo(f"     [{button['title']}]  {button['payload']}")

    click.echo("Type a message; an empty line or Ctrl-D ends.")
    asyncio.run(converse(RasaClient.from_settings(_settings(), url)))


@main.command()
def doctor() -> None:
    """Check Python, packages, model, servers, database and Telegram token; one line each."""
    from bot.ops.doctor import run_checks

    failed = 0
    for check in run_checks(_settings()):
        mark = {"ok": "ok  ", "warn": "warn", "fail": "FAIL"}[check.status]
        click.echo(f"[{mark}] {check.name}: {check.detail}" + (f"  -> {check.hint}" if check.hint else ""))
        failed += check.status == "fail"
    sys.exit(1 if failed else 0)


# --- content ------------------------------------------------------------------------------

@main.group()
def content() -> None:
    """Course catalogue: check and reload."""


@content.command("check")
@click.option("--strict", is_flag=True, help="Warnings fail too.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--no-translations", is_flag=True, help="Skip the translation coverage check.")
def content_check(strict: bool, as_json: bool, no_translations: bool) -> None:
    """Validate content/ and report problems with file and line; exit 1 on errors."""
    from bot.ops.publish import run_check

    problems = run_check(_settings().root, translations=not no_translations)
    errors = [p for p in problems if p.severity == "error"]
    if as_json:
        click.echo(json.dumps([p.__dict__ for p in problems], ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            click.echo(f"{problem.severity.upper():7} {problem}")
        click.echo(f"{len(errors)} errors, {len(problems) - len(errors)} warnings.")
    sys.exit(1 if errors or (strict and problems) else 0)


@content.command("reload")
def content_reload() -> None:
    """Validate now; the running action server serves a valid edit within seconds."""
    from bot.content.store import CatalogueStore

    settings = _settings()
    store = CatalogueStore(settings.content_dir, status_file=settings.var_dir / "content-status.json")
    swapped, problems = store.reload()
    for problem in problems:
        click.echo(f"{problem.severity.upper():7} {problem}")
    if not swapped:
        raise click.ClickException("Not published: fix the errors above. The bot keeps serving the last good catalogue.")
    click.echo(f"Catalogue {store.current().version} is valid; the running bot serves it within "
               f"{settings.content_watch_seconds:g} s. No retrain is needed unless `content check` says so.")


# --- translations -------------------------------------------------------------------------

@main.group()
def translations() -> None:
    """Gettext catalogs: extract, update, compile, status, check."""


@translations.command("extract")
def translations_extract() -> None:
    """Write the templates (translations/*.pot) from code, domain and content."""
    from bot.ops.translations import extract

    for domain, template in extract(_settings().root).items():
        click.echo(f"{domain}.pot: {len(template)} messages")


@translations.command("update")
def translations_update() -> None:
    """Extract, then merge into every language; changed texts become fuzzy (stale)."""
    from bot.ops.translations import update

    update(_settings().root)
    click.echo("Catalogs updated. Translate the new and fuzzy entries, then `amo-bot translations compile`.")


@translations.command("compile")
def translations_compile() -> None:
    """Compile .po to .mo (stale entries are left out and fall back)."""
    from bot.ops.translations import compile_all

    click.echo(f"Compiled {len(compile_all(_settings().root))} catalogs.")


@translations.command("status")
@click.option("--json", "as_json", is_flag=True)
def translations_status(as_json: bool) -> None:
    """Per language: translated %, fuzzy, reviewed by a human or machine-drafted."""
    from bot.ops.translations import status

    rows = status(_settings().root)
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in rows], indent=2))
        return
    click.echo(f"{'lang':5} {'domain':9} {'translated':>11} {'fuzzy':>6} {'reviewed':>9} {'machine':>8} {'missing':>8}")
    for r in rows:
        click.echo(f"{r.language:5} {r.domain:9} {r.percent:>10.1f}% {r.fuzzy:>6} {r.reviewed:>9} "
                   f"{r.unreviewed:>8} {r.missing:>8}")


@translations.command("check")
def translations_check() -> None:
    """Fail on a missing required string or a placeholder mismatch (used in CI)."""
    from bot.ops.translations import check

    problems = check(_settings().root)
    for problem in problems:
        click.echo(problem)
    if problems:
        raise click.ClickException(f"{len(problems)} translation problems")
    click.echo("Translations OK.")


# --- escalations and users ----------------------------------------------------------------

def _store():  # type: ignore[no-untyped-def]
    from bot.services import get_services

    return get_services().escalations


def _audit(store, action: str, reference: str, detail: str) -> None:  # type: ignore[no-untyped-def]
    """An audit entry for a command: the account that ran it, as `cli:<login name>`."""
    from bot.accounts import audit

    audit.record(store, f"cli:{getpass.getuser()}"[:64], action, reference, detail)


@main.group()
def escalations() -> None:
    """Participants' questions for caseworkers."""


_LANG = click.option("--lang", "language", type=click.Choice(["nb", "en"]), default="nb",
                     show_default=True, help="Language of the gist (what the question is about).")


@escalations.command("list")
@click.option("--status", type=click.Choice(["open", "answered", "closed"]), default=None)
@click.option("--overdue", is_flag=True, help="Only open questions past the promised answer time.")
@click.option("--json", "as_json", is_flag=True)
@_LANG
def escalations_list(status: Optional[str], overdue: bool, as_json: bool, language: str) -> None:
    """List questions, oldest first; ! marks urgent ones, * overdue ones."""
    from bot.escalations.gist import is_overdue

    view = _gist_view(language)
    store = _store()
    records = store.list(status="open" if overdue else status)
    if overdue:
        records = [r for r in records if is_overdue(r, view.now, view.response_days)]
    _audit(store, "listed", "", f"{len(records)} questions, status {status or 'any'}"
           + (", overdue" if overdue else ""))
    if as_json:
        click.echo(json.dumps([view.describe(r) for r in records], ensure_ascii=False, indent=2))
        return
    for r in records:
        flags = ("!" if r.urgent else " ") + ("*" if is_overdue(r, view.now, view.response_days) else " ")
        click.echo(f"{r.reference} {flags} {r.status:8} {r.language:3} {r.created_at:%Y-%m-%d %H:%M}  "
                   f"{view.gist(r)}")


@escalations.command("show")
@click.argument("reference")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable (the default output is JSON too).")
@_LANG
def escalations_show(reference: str, as_json: bool, language: str) -> None:
    """Show one question, what it is about, and its answer."""
    store = _store()
    record = store.get(reference)
    if record is None:
        raise click.ClickException(f"No escalation {reference}")
    _audit(store, "viewed", record.reference, "command line")
    click.echo(json.dumps(_gist_view(language).describe(record), ensure_ascii=False, indent=2))


def _gist_view(language: str):  # type: ignore[no-untyped-def]
    from bot.escalations.gist import GistView
    from bot.services import get_services

    return GistView.of(get_services(), language)


@escalations.command("answer")
@click.argument("reference")
@click.argument("text")
@click.option("--by", "caseworker", default="cli", help="Caseworker name for the record.")
def escalations_answer(reference: str, text: str, caseworker: str) -> None:
    """Answer a question; the participant sees it with `escalation_status`."""
    from bot.escalations.store import ClosedError

    store = _store()
    try:
        record = store.answer(reference, text, caseworker)
    except KeyError:
        raise click.ClickException(f"No escalation {reference}") from None
    except ClosedError:
        _audit(store, "answer_refused", reference, f"as {caseworker}; the question is closed")
        raise click.ClickException(f"{reference} is closed and takes no answer; nothing was "
                                   "sent. The participant can ask a new question.") from None
    _audit(store, "answered", record.reference, f"as {caseworker}")
    click.echo(f"{record.reference} answered.")


@main.group()
def users() -> None:
    """Caseworker and admin accounts."""


@users.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(["caseworker", "admin"]), required=True)
@click.option("--office", "offices", multiple=True, help="Office or county id; repeat for several.")
@click.password_option(help="At least 10 characters; prompted if not given.")
def users_add(username: str, role: str, offices: tuple, password: str) -> None:
    """Create or update a user with a hashed password."""
    from bot.accounts.users import add_user

    try:
        user = add_user(_store(), username, password, role, list(offices))
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"User {user.username} ({user.role}; offices: {', '.join(user.offices) or 'none'}) saved.")


main.add_command(insights)

if __name__ == "__main__":
    main()
