"""The Rasa server's entry point: `python -m bot.rasa run ...` is `rasa run ...` with the API token.

The token (AMO_RASA_TOKEN, or the one `amo-bot run` generated into var/) is handed to
Rasa as `--auth-token` inside this process rather than on the command line, where
every local user could read it in the process list. Rasa's HTTP API is never started
without one.
"""

from __future__ import annotations

import sys

from bot.config import get_settings
from bot.files import private_files


def main() -> None:
    private_files()  # trackers.db and what else Rasa writes under var/: bot.files
    arguments = sys.argv[1:]
    if "--enable-api" in arguments and "--auth-token" not in arguments:
        token = get_settings().rasa_token
        if not token:
            sys.exit("Rasa's HTTP API needs a token: set AMO_RASA_TOKEN, or run `amo-bot setup`, "
                     "which generates one into var/.")
        arguments += ["--auth-token", token]
    sys.argv = ["rasa", *arguments]
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
