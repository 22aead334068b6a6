"""Which model is published, with its held-out figures, and the last refusal and why.

Kept in `var/model-publish.json` by `amo-bot train`; read by the dashboard and by
`amo-bot run` (which keeps serving the published model while newer data is refused).
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Optional

logger = logging.getLogger(__name__)

STATE_FILE = "model-publish.json"
PID_FILE = "publish.pid"


@dataclass
class PublishState:
    published: Optional[str] = None  # the model file's name
    figures: Dict[str, float] = field(default_factory=dict)
    refused: Optional[Dict[str, Any]] = None

    @classmethod
    def load(cls, var_dir: Path) -> PublishState:
        path = var_dir / STATE_FILE
        if not path.is_file():
            return cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            logger.warning("%s is not valid JSON; starting without a publish record", path)
            return cls()
        return cls(data.get("published"), data.get("figures") or {}, data.get("refused"))

    def save(self, var_dir: Path) -> None:
        var_dir.mkdir(parents=True, exist_ok=True)
        path = var_dir / STATE_FILE
        partial = path.with_suffix(".tmp")
        partial.write_text(json.dumps(self.__dict__, indent=2, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, path)


def training_running(var_dir: Path) -> bool:
    """Whether a training started from the dashboard is still running."""
    try:
        pid = int((var_dir / PID_FILE).read_text(encoding="utf-8").strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return False
    try:  # a finished child that nobody waited for is a zombie: not running
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except (OSError, IndexError):
        return True
    return state != "Z"


def publish_state(var_dir: Path) -> Dict[str, Any]:
    state = PublishState.load(var_dir)
    return {"published": state.published, "figures": state.figures, "refused": state.refused,
            "running": training_running(var_dir)}
