"""Canned answers a caseworker can pick on the dashboard instead of writing one.

The English texts are msgids of the `messages` catalog: the participant receives
the text in their own language, translated like every other text of the bot.
"""

from __future__ import annotations

from typing import Dict

from bot.i18n.catalogs import N_

CANNED_ANSWERS: Dict[str, str] = {
    "contact_soon": N_("Thank you for your question. Your caseworker will contact you within two working days."),
    "start_not_decided": N_("The start date of the course is not decided yet. We will tell you as soon as it is."),
    "allowance_continues": N_("You keep your allowance while you take part in the course. Remember to send your employment status form (meldekort) every 14 days."),
    "apply_with_caseworker": N_("Yes, you can take this course. Your caseworker will help you apply; bring it up at your next meeting."),
    "placement_contact": N_("Thank you for telling us. Your caseworker will contact the workplace and you. You do not have to continue at a placement where you are not safe."),
}

# Shown to the participant above the machine translation of a caseworker's answer.
MT_LABEL = N_("Machine translation (it may contain errors):")
