"""The Rasa server's and training's entry point: `python -m bot.rasa run ...` is `rasa run ...`
with the API token, `python -m bot.rasa train ...` is `rasa train ...` reading the NLU data
once fewer (bot/rasa/speedups.py).

The token (AMO_RASA_TOKEN, or the one `amo-bot run` generated into var/) is handed to
Rasa as `--auth-token` inside this process rather than on the command line, where
every local user could read it in the process list. Rasa's HTTP API is never started
without one.
"""

from __future__ import annotations

import sys
from typing import List

from bot.config import get_settings
from bot.files import private_files


def with_token(arguments: List[str], token: str) -> List[str]:
    """`arguments` of `rasa run` with the API token added, unless one is given already."""
    if "--enable-api" not in arguments or any(a.split("=")[0] in ("--auth-token", "-t") for a in arguments):
        return arguments
    if not token:
        sys.exit("Rasa's HTTP API needs a token: set AMO_RASA_TOKEN, or run `amo-bot setup`, "
                 "which generates one into var/.")
    # One argument with "=": a generated token may start with "-", which argparse would
    # otherwise read as an option of its own.
    return [*arguments, f"--auth-token={token}"]


def main() -> None:
    private_files()  # trackers.db and what else Rasa writes under var/: bot.files
    if sys.argv[1:2] == ["train"]:
        from bot.rasa import speedups

        speedups.apply_to_training()
    sys.argv = ["rasa", *with_token(sys.argv[1:], get_settings().rasa_token)]
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
