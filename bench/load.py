"""Bounded load test on loopback: many concurrent conversations, zero errors expected.

Usage: .venv/bin/python bench/load.py [--url http://127.0.0.1:5005] [--conversations 50] [--messages 20]
Without --url it starts the bot itself (the default profile) on free ports. Prints and
writes bench/results/load.json with errors and latency percentiles.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import OUR_MESSAGES, RESULTS, free_port, load, warm_up  # noqa: E402


def run_against(url: str, conversations: int, messages: int) -> dict:
    warm_up(url, "load-warm-up", OUR_MESSAGES)
    result = load(url, OUR_MESSAGES, conversations, messages, "load")
    result.pop("latencies")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default=None)
    parser.add_argument("--conversations", type=int, default=50)
    parser.add_argument("--messages", type=int, default=20)
    args = parser.parse_args()
    if args.url:
        result = run_against(args.url, args.conversations, args.messages)
    else:
        from bot.config import load_settings
        from bot.ops.supervisor import Supervisor, commands
        from bot.ops.training import latest_model

        with tempfile.TemporaryDirectory(prefix="amo-load-") as tmp:
            env = {"AMO_RASA_PORT": str(free_port()), "AMO_ACTIONS_PORT": str(free_port()),
                   "AMO_WEB_PORT": str(free_port()), "AMO_VAR_DIR": tmp}
            settings = load_settings({**os.environ, **env})
            model = latest_model(ROOT, settings.models_dir)
            if model is None:
                sys.exit("No model: run `make setup` first.")
            with open(Path(tmp) / "servers.log", "w") as log:
                supervisor = Supervisor(commands(settings, model, sys.executable), ROOT, out=log, env=env)
                supervisor.start()
                try:
                    if not supervisor.wait_healthy(timeout=300):
                        sys.exit("The bot did not start")
                    result = run_against(settings.rasa_url, args.conversations, args.messages)
                finally:
                    supervisor.stop()
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "load.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"{result['conversations']} conversations x {args.messages} messages: {result['messages']} answered, "
          f"{result['errors']} errors; p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, "
          f"p99 {result['p99_ms']} ms; {result['messages_per_s']} messages/s")


if __name__ == "__main__":
    main()
