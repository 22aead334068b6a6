"""The `amo-bot` command: one click group, one function per command."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Optional

import click

from bot.config import Settings, get_settings
from bot.ops.cli_escalations import escalations, users
from bot.ops.cli_inbox import inbox
from bot.ops.reports import insights


def _settings() -> Settings:
    return get_settings()


@click.group()
def main() -> None:
    """AMO guide: a multilingual chatbot about NAV's labour-market courses."""
    from bot.files import private_files

    private_files()  # what any command writes (var/, models, the processes `run` starts)


# --- running -----------------------------------------------------------------------------

@main.command()
@click.option("--force", is_flag=True, help="Train even if a model with the same inputs exists.")
@click.option("--no-publish", is_flag=True, help="Only train; do not check or publish the model.")
@click.option("--accept-drops", is_flag=True,
              help="Publish even if a language drops by more than one point (said and audited).")
def train(force: bool, no_publish: bool, accept_drops: bool) -> None:
    """Train the model if its inputs changed, check it on the held-out split, and publish it
    to the running bot (no restart) unless a language drops by more than one point."""
    from bot.ops.publishing import train_and_publish

    if not train_and_publish(_settings(), force=force, publish=not no_publish, echo=click.echo,
                             accept_drops=accept_drops):
        raise click.ClickException("The new model was not published; the model in service stays.")


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
    from bot.learning.publish_state import PublishState
    from bot.ops.model_gate import model_to_serve

    state = PublishState.load(settings.var_dir)
    keep = [settings.models_dir / state.published] if state.published else []
    trained = do_train(settings.root, settings.models_dir, echo=click.echo, keep=keep)
    serving = model_to_serve(settings.models_dir, settings.var_dir, trained)
    if serving != trained:
        click.echo(f"The newest training data was refused at the last publish; serving {serving.name}. "
                   "See `amo-bot train` for why.")
    return serving


@main.command()
@click.option("--no-train", is_flag=True, help="Use the current model; fail if there is none.")
@click.option("--production", is_flag=True,
              help="Two Rasa and two action servers behind nginx, PostgreSQL stores, Redis lock store.")
def run(no_train: bool, production: bool) -> None:
    """Start the Rasa server, the action server and the web pages; Ctrl-C stops all."""
    from bot.files import make_private
    from bot.ops.supervisor import Supervisor, commands
    from bot.ops.training import latest_model
    from bot.ports import PortTaken, check_ports

    settings = _settings()
    if production and not settings.web_cookie_secure:  # said before the ports and the training
        from bot.ops.production import INSECURE_COOKIES
        raise click.ClickException(INSECURE_COOKIES)
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
    if changed := make_private(settings.var_dir):
        click.echo(f"Made {changed} files and folders in {settings.var_dir} private to this account.")
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
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Check as on this date (past starts, old figures), e.g. before a publication day.")
def content_check(strict: bool, as_json: bool, no_translations: bool, today: Optional[dt.datetime]) -> None:
    """Validate content/ and report problems with file and line; exit 1 on errors.

    Values no source confirms are listed as examples; --strict fails on warnings, such as
    a start date, place, provider or length with neither a source nor the example flag."""
    from bot.ops.publish import run_check

    problems = run_check(_settings().root, today=today.date() if today else None,
                         translations=not no_translations)
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    examples = [p for p in problems if p.severity == "info" and p.message.startswith("example")]
    if as_json:
        click.echo(json.dumps([p.__dict__ for p in problems], ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            click.echo(f"{problem.severity.upper():7} {problem}")
        click.echo(f"{len(errors)} errors, {len(warnings)} warnings, {len(examples)} examples "
                   "(values no source confirms; the bot labels them as examples).")
    sys.exit(1 if errors or (strict and warnings) else 0)


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
    """Per language: translated %, fuzzy, reviewed by a human or machine-drafted (unchecked %)."""
    from bot.ops.translations import status

    rows = status(_settings().root)
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in rows], indent=2))
        return
    click.echo(f"{'lang':5} {'domain':9} {'translated':>11} {'fuzzy':>6} {'reviewed':>9} {'machine':>8} "
               f"{'unchecked':>10} {'missing':>8}")
    for r in rows:
        click.echo(f"{r.language:5} {r.domain:9} {r.percent:>10.1f}% {r.fuzzy:>6} {r.reviewed:>9} "
                   f"{r.unreviewed:>8} {r.unreviewed_percent:>9.1f}% {r.missing:>8}")


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


main.add_command(insights)
main.add_command(inbox)
main.add_command(escalations)
main.add_command(users)

if __name__ == "__main__":
    main()
