"""Canned answers a caseworker can pick on the dashboard instead of writing one.

The English texts are msgids of the `messages` catalog: the participant receives
the text in their own language, translated like every other text of the bot. They
promise only what the system does: the answer reaches the participant where they
asked (the chat, or when they ask the bot), nobody is phoned or written to, and the
answer time is the one participants are told (`AMO_RESPONSE_DAYS`, placeholder `days`).
"""

from __future__ import annotations

from typing import Dict

from bot.i18n.catalogs import N_

CANNED_ANSWERS: Dict[str, str] = {
    "looking_into_it": N_("Thank you for your question. A caseworker is looking into it. The answer comes here in the chat, "
                          "usually within %(days)s working days: ask the bot \"has my question been answered?\" to see it."),
    "start_not_decided": N_("The start date of the course is not decided yet. Ask your caseworker or the course provider "
                            "again later, or leave a new question here."),
    "allowance_continues": N_("If you get dagpenger or AAP, you keep it while you take part in the course. Remember to send "
                              "your meldekort every 14 days: tiltakspenger are paid only after it."),
    "apply_with_caseworker": N_("A place on a course is not a right: NAV decides after assessing what you need. Bring this "
                                "course up with your caseworker at your next meeting, and ask the course provider for the "
                                "course plan."),
    "placement_contact": N_("Thank you for telling us. Ask to see the written agreement for your placement, and tell the "
                            "course provider and your caseworker what happened. If the work is unsafe, tell them at once. "
                            "Do not simply stop going without telling anyone: that can cost you the place and the money."),
    "appeal_how": N_("You can appeal a decision about a labour-market measure. Your decision letter says how and by when: "
                     "usually within 6 weeks, or 3 weeks when the measure is with an employer. A decision that gives you "
                     "a place on an AMO course cannot be appealed. Your NAV office helps you write the appeal."),
}

# Shown to the participant above the machine translation of a caseworker's answer.
MT_LABEL = N_("Machine translation (it may contain errors):")
