"""`amo-bot insights`: what participants ask and where the bot fails, for course admins."""

from __future__ import annotations

import json
import sys

import click


@click.command()
@click.option("--since", "since_days", type=click.IntRange(1, 3650), default=30, show_default=True,
              help="Days back from now.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--csv", "as_csv", is_flag=True, help="One row per language, channel, course and week.")
def insights(since_days: int, as_json: bool, as_csv: bool) -> None:
    """Conversations, messages, fallbacks and questions per language, channel, course and week."""
    from bot.insights import compute, write_csv
    from bot.services import get_services

    services = get_services()
    found = compute(services.settings, services.database.engine, since_days)
    if as_json:
        click.echo(json.dumps(found.as_dict(), ensure_ascii=False, indent=2))
        return
    if as_csv:
        write_csv(found.rows(), sys.stdout)
        return
    if not found.conversations_available:
        click.echo("Conversations are kept in memory only (AMO_TRACKER_STORE_URL=memory): "
                   "only questions are counted.")
    total = found.total.as_dict()
    click.echo(f"Last {since_days} days: {total['conversations']} conversations, "
               f"{total['messages']} messages, fallback rate {total['fallback_rate']:.1%}, "
               f"refused guesses {total['refused_guess_rate']:.1%}, "
               f"{total['language_switches']} language switches, {total['questions']} questions, "
               f"median time to answer {_hours(total['median_hours_to_answer'])}.")
    for dimension, rows in (("language", found.groups["language"]), ("channel", found.groups["channel"]),
                            ("course", found.groups["course"])):
        click.echo(f"\nBy {dimension}:")
        for key, tally in sorted(rows.items()):
            figures = tally.as_dict()
            click.echo(f"  {key:16} {figures['conversations']:5} conversations {figures['messages']:6} messages "
                       f"fallback {figures['fallback_rate']:6.1%} questions {figures['questions']:4}")


def _hours(value: object) -> str:
    return "no answers yet" if value is None else f"{value} h"
