"""`amo-bot inbox`: messages the bot was unsure about, labelled into training data."""

from __future__ import annotations

import getpass
import json
from typing import Optional

import click


def _services():  # type: ignore[no-untyped-def]
    from bot.services import get_services

    return get_services()


def _who() -> str:
    return f"cli:{getpass.getuser()}"[:64]


@click.group()
def inbox() -> None:
    """Messages the bot was unsure about (fallback, refused guess, low confidence, unknown language)."""


@inbox.command("list")
@click.option("--lang", "language", default=None, help="Only this language, e.g. so.")
@click.option("--status", type=click.Choice(["open", "labelled", "dismissed"]), default="open",
              show_default=True)
@click.option("--json", "as_json", is_flag=True)
def inbox_list(language: Optional[str], status: str, as_json: bool) -> None:
    """List inbox messages, newest first (masked, as stored)."""
    from bot.learning import inbox as store

    items = store.items(_services().database, status=status, language=language)
    if as_json:
        click.echo(json.dumps([i.as_dict() for i in items], ensure_ascii=False, indent=2))
        return
    for i in items:
        confidence = f"{i.confidence:.2f}" if i.confidence is not None else "  - "
        click.echo(f"{i.id:6} {i.language:3} {i.reason:20} guess {i.guess or '-':20} {confidence}  {i.text[:70]}")


@inbox.command("label")
@click.argument("item_id", type=int)
@click.argument("intent")
def inbox_label(item_id: int, intent: str) -> None:
    """Teach the message as INTENT (written to nlu_data/nlu/<lang>/reviewed.yml)."""
    from bot.learning.examples import ExampleRejected
    from bot.learning.labelling import label

    services = _services()
    try:
        item = label(services.database, services.settings.root, item_id, intent, _who())
    except ExampleRejected as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{item_id} labelled {intent} ({item.language}). Run `amo-bot train` to teach it to the bot.")


@inbox.command("dismiss")
@click.argument("item_id", type=int)
def inbox_dismiss(item_id: int) -> None:
    """Drop a message that should not be taught (noise, not a real request)."""
    from bot.learning.examples import ExampleRejected
    from bot.learning.labelling import dismiss

    try:
        dismiss(_services().database, item_id, _who())
    except ExampleRejected as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{item_id} dismissed.")
