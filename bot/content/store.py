"""Catalogue store: serves the last good catalogue and reloads it when files change."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import List, Optional, Tuple

from bot.content.loader import ContentError, ContentInvalid, load_catalogue
from bot.content.model import Catalogue

logger = logging.getLogger(__name__)


def content_fingerprint(content_dir: Path) -> str:
    """A hash of every content file's name, size and modification time."""
    digest = hashlib.sha256()
    for dirpath, dirnames, filenames in os.walk(content_dir):
        dirnames.sort()
        for name in sorted(filenames):
            if not name.endswith((".yml", ".yaml", ".json")):
                continue
            stat = os.stat(os.path.join(dirpath, name))
            digest.update(f"{dirpath}/{name}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


class CatalogueStore:
    """Holds the catalogue in force; a broken edit never replaces a good catalogue.

    `current()` looks at the files at most every `check_interval` seconds, so an
    admin's saved edit is served within seconds without a restart. The swap is
    one assignment: a reader sees either the old or the new catalogue, never a mix.
    """

    def __init__(self, content_dir: Path, check_interval: float = 2.0,
                 status_file: Optional[Path] = None):
        self.content_dir = content_dir
        self.check_interval = check_interval
        self.status_file = status_file
        self._catalogue: Optional[Catalogue] = None
        self._fingerprint = ""
        self._checked_at = 0.0
        self._lock = threading.Lock()
        self.last_problems: List[ContentError] = []

    def current(self) -> Catalogue:
        """The catalogue in force; raises ContentInvalid only if none was ever valid."""
        now = time.monotonic()
        if self._catalogue is None or now - self._checked_at >= self.check_interval:
            self._checked_at = now
            if content_fingerprint(self.content_dir) != self._fingerprint:
                self.reload()
        if self._catalogue is None:
            raise ContentInvalid(self.last_problems)
        return self._catalogue

    def reload(self) -> Tuple[bool, List[ContentError]]:
        """Loads the files now. Returns (swapped, problems)."""
        with self._lock:
            fingerprint = content_fingerprint(self.content_dir)
            catalogue, problems = load_catalogue(self.content_dir)
            self._fingerprint = fingerprint
            self.last_problems = problems
            if catalogue is None:
                logger.error("Content edit rejected; still serving version %s:\n%s",
                             self._catalogue.version if self._catalogue else "none",
                             "\n".join(str(p) for p in problems))
                self._write_status(fingerprint, problems, accepted=False)
                return False, problems
            self._catalogue = replace(catalogue, version=fingerprint)
            logger.info("Catalogue %s loaded: %d courses, %d pages", fingerprint,
                        len(catalogue.courses), len(catalogue.pages))
            self._write_status(fingerprint, problems, accepted=True)
            return True, problems

    def _write_status(self, fingerprint: str, problems: List[ContentError], accepted: bool) -> None:
        if self.status_file is None:
            return
        status = {
            "fingerprint": fingerprint,
            "accepted": accepted,
            "serving": self._catalogue.version if self._catalogue else None,
            "problems": [str(p) for p in problems],
            "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }
        try:
            self.status_file.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.status_file.with_suffix(".tmp")
            tmp.write_text(json.dumps(status, indent=2, ensure_ascii=False), encoding="utf-8")
            tmp.replace(self.status_file)
        except OSError:
            logger.warning("Could not write %s", self.status_file, exc_info=True)
