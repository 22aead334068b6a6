"""Translations of the bot's texts and of the catalogue, per language."""

from bot.i18n.catalogs import CONTENT, MESSAGES, N_, Translator, get_translator

__all__ = ["CONTENT", "MESSAGES", "N_", "Translator", "get_translator"]
