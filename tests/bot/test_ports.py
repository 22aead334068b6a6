"""The port check every process makes before it binds."""

import socket

import pytest

from bot.config import load_settings
from bot.ports import PortTaken, check_ports


def test_taken_port_is_named_with_the_variable_that_moves_it():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        settings = load_settings({"AMO_RASA_PORT": str(port)})
        with pytest.raises(PortTaken, match=f"Port {port}.*AMO_RASA_PORT"):
            check_ports(settings, ("rasa",))


def test_free_ports_pass(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    check_ports(load_settings({"AMO_WEB_PORT": str(port)}), ("web",))  # closed again: free
