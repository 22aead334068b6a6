"""The address of the client behind a request, through the reverse proxies we trust.

Behind a proxy every connection comes from the proxy's address; counting failures by
that address would let one person's typos lock out everyone behind it. The proxy names
the real client in `X-Forwarded-For`, but anyone can send that header, so it is read
only on connections from `AMO_TRUSTED_PROXIES`, and only as far as the chain of
trusted proxies goes: the first address from the right that is not a trusted proxy is
the client.
"""

from __future__ import annotations

import ipaddress
from typing import Sequence

from sanic.request import Request

from bot.config import Network


def _trusted(address: str, proxies: Sequence[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip().strip("[]"))
    except ValueError:
        return False
    return any(ip in network for network in proxies)


def client_address(peer: str, forwarded_for: Sequence[str], proxies: Sequence[Network]) -> str:
    """The client's address, given the connection's address and X-Forwarded-For values."""
    if not proxies or not _trusted(peer, proxies):
        return peer
    hops = [hop.strip().strip("[]") for value in forwarded_for for hop in value.split(",")]
    for hop in reversed(hops):
        if not _trusted(hop, proxies):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return peer  # a garbled header: fall back to what we know for sure
    return peer  # only proxies: the request began at one of them


def request_client(request: Request, proxies: Sequence[Network]) -> str:
    """The client address of a Sanic request (`request.ip` is the socket's peer)."""
    return client_address(request.ip, request.headers.getall("x-forwarded-for", []), proxies)
