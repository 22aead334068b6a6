"""bot/language"""
