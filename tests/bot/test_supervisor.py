import socket

import pytest

from bot.config import load_settings
from bot.supervisor import PortTaken, check_ports, write_runtime_config


def test_taken_port_is_named_with_the_variable_that_moves_it():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        settings = load_settings({"AMO_RASA_PORT": str(port)})
        with pytest.raises(PortTaken, match=f"Port {port}.*AMO_RASA_PORT"):
            check_ports(settings, ("rasa",))


def test_runtime_endpoints_follow_the_settings(tmp_path):
    settings = load_settings({"AMO_VAR_DIR": str(tmp_path), "AMO_ACTIONS_PORT": "6055",
                              "AMO_TRACKER_STORE_URL": "postgresql://postgres@127.0.0.1:5432/trackers"})
    text = write_runtime_config(settings).read_text()
    assert "127.0.0.1:6055/webhook" in text
    assert "dialect: postgresql" in text and "db: trackers" in text
