"""Web pages on the web port: the participants' chat at `/` and the caseworker dashboard.

`python -m bot.web` serves both from one Sanic app (see app.py for the wiring).
"""
