"""Whether the configured ports are free: checked by a process before it binds one."""

from __future__ import annotations

import socket
from typing import Sequence

from bot.config import Settings


class PortTaken(Exception):
    pass


def port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def check_ports(settings: Settings, names: Sequence[str]) -> None:
    ports = {"rasa": (settings.rasa_port, "AMO_RASA_PORT"),
             "actions": (settings.actions_port, "AMO_ACTIONS_PORT"),
             "web": (settings.web_port, "AMO_WEB_PORT")}
    for name in names:
        if name in ports:
            port, variable = ports[name]
            if not port_free(settings.host, port):
                raise PortTaken(f"Port {port} ({name}) is already in use. Stop the other program, "
                                f"or choose another port, e.g. {variable}={port + 100} make run")
