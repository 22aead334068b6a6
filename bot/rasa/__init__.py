"""bot/rasa"""
