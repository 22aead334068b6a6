"""Texts the channels show themselves (not produced by a Rasa response)."""

from bot.i18n.catalogs import N_

TEXT_ONLY = N_("Sorry, I can only read text. Please write your question in words.")
HELP = N_("I explain NAV's labour-market courses (AMO), the work placement and money during a course, and I can pass your question to a caseworker. Commands: /language to change the language, /delete to delete your data.")
CHOOSE_LANGUAGE = N_("Which language do you want?")
CASEWORKER_ANSWER = N_("A caseworker has answered your question %(reference)s:")
SERVER_DOWN = N_("Sorry, the bot is not available right now. Please try again in a few minutes.")
WEB_TITLE = N_("Ask about NAV courses")
WEB_PLACEHOLDER = N_("Write your message")
WEB_SEND = N_("Send")
WEB_LANGUAGE = N_("Language")
# Web chat, for screen readers: the log's name, who said each message, and a busy note.
WEB_CONVERSATION = N_("Conversation")
WEB_YOU_SAID = N_("You said:")
WEB_BOT_SAID = N_("The bot said:")
WEB_WAITING = N_("The bot is writing…")
# Web chat: "Start over" ends the conversation in this browser (a shared PC).
WEB_START_OVER = N_("Start over")
WEB_START_OVER_CONFIRM = N_("Start a new conversation? This conversation and the answers to your questions will no longer be shown in this browser. Do this when you leave a shared computer.")
# Web chat: messages the server or the page refuses; the participant's text is kept.
WEB_EMPTY = N_("Write a message first.")
WEB_TOO_LONG = N_("Your message is too long (%(count)s characters). Please shorten it to %(max)s characters and send it again.")
WEB_TOO_MANY = N_("Too many messages in a short time. Please wait a minute and send your message again.")
