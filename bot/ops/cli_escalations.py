"""`amo-bot escalations` and `amo-bot users`: questions for caseworkers, and accounts."""

from __future__ import annotations

import getpass
import json
from typing import Optional

import click


def _store():  # type: ignore[no-untyped-def]
    from bot.services import get_services

    return get_services().escalations


def _audit(store, action: str, reference: str, detail: str) -> None:  # type: ignore[no-untyped-def]
    """An audit entry for a command: the account that ran it, as `cli:<login name>`."""
    from bot.accounts import audit

    audit.record(store, f"cli:{getpass.getuser()}"[:64], action, reference, detail)


@click.group()
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
    except ValueError as exc:  # a --by name longer than the column
        raise click.ClickException(str(exc)) from None
    _audit(store, "answered", record.reference, f"as {caseworker}")
    click.echo(f"{record.reference} answered.")


@click.group()
def users() -> None:
    """Caseworker and admin accounts."""


@users.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(["caseworker", "admin", "trainer", "reviewer"]), required=True)
@click.option("--office", "offices", multiple=True, help="Office or county id; repeat for several.")
@click.password_option(help="At least 10 characters; prompted if not given.")
@click.option("--language", "languages", multiple=True,
              help="For a reviewer: a language code they review (so, ti, ...); repeat for several.")
def users_add(username: str, role: str, offices: tuple, languages: tuple, password: str) -> None:
    """Create or update a user with a hashed password."""
    from bot.accounts.users import add_user, scrypt_params
    from bot.services import get_services

    try:
        if languages and role != "reviewer":
            raise ValueError("--language is for reviewers")
        user = add_user(_store(), username, password, role, list(languages or offices),
                        scrypt_params(get_services().settings))
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"User {user.username} ({user.role}; offices: {', '.join(user.offices) or 'none'}) saved.")
