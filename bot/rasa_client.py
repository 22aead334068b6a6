"""A minimal client of the REST channel, for `amo-bot chat`, tests and benchmarks."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any, Dict, List, Optional


class ChatError(Exception):
    pass


def send(base_url: str, sender: str, message: str, language: Optional[str] = None,
         timeout: float = 30.0) -> List[Dict[str, Any]]:
    """Sends one message; returns the bot's replies."""
    body: Dict[str, Any] = {"sender": sender, "message": message}
    if language:
        body["metadata"] = {"language": language}
    request = urllib.request.Request(
        f"{base_url}/webhooks/rest/webhook", data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read().decode())
    except urllib.error.HTTPError as exc:
        raise ChatError(f"The bot answered HTTP {exc.code}: {exc.read().decode(errors='replace')[:200]}") from exc
    except OSError as exc:
        raise ChatError(f"Cannot reach the bot at {base_url} ({exc}). Is it running? Start it with `make run`.") from exc
