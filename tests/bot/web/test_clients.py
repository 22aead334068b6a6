"""The client address behind trusted proxies, and a forged header from anyone else."""

from __future__ import annotations

import pytest

from bot.config import load_settings
from bot.web.clients import client_address

PROXIES = load_settings({"AMO_TRUSTED_PROXIES": "127.0.0.1, 10.0.0.0/8, ::1"}).trusted_proxies


def test_a_trusted_proxy_names_the_client() -> None:
    assert client_address("127.0.0.1", ["203.0.113.7"], PROXIES) == "203.0.113.7"
    # Through two proxies of ours: the first hop from the right that is not ours.
    assert client_address("10.1.2.3", ["203.0.113.7, 10.9.9.9"], PROXIES) == "203.0.113.7"
    assert client_address("::1", ["2001:db8::5"], PROXIES) == "2001:db8::5"


def test_a_stranger_cannot_choose_the_address_it_is_counted_under() -> None:
    # From outside the trusted networks the header is not read at all.
    assert client_address("198.51.100.4", ["203.0.113.7"], PROXIES) == "198.51.100.4"
    # Through our proxy, the client's own header values sit left of what the proxy appended.
    assert client_address("127.0.0.1", ["1.2.3.4, 198.51.100.4"], PROXIES) == "198.51.100.4"
    assert client_address("127.0.0.1", ["203.0.113.7"], ()) == "127.0.0.1"  # none trusted


def test_garbled_or_missing_headers_fall_back_to_the_connection() -> None:
    assert client_address("127.0.0.1", ["not an address"], PROXIES) == "127.0.0.1"
    assert client_address("127.0.0.1", [], PROXIES) == "127.0.0.1"
    assert client_address("127.0.0.1", ["10.0.0.5"], PROXIES) == "127.0.0.1"


def test_a_wrong_setting_is_reported_with_its_name() -> None:
    with pytest.raises(ValueError, match="AMO_TRUSTED_PROXIES"):
        load_settings({"AMO_TRUSTED_PROXIES": "proxy.example"})
