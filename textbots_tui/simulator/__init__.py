"""A Genesys Cloud compatible simulator of the textbots API, driven by flow and bot definitions in YAML.

It speaks only the wire format (it imports nothing else of this package): use it in-process through
``httpx.ASGITransport(app=create_app(...))`` on any base URL, or over loopback with :func:`serve` or
:func:`running_server`. The API and the OAuth token endpoint share one base URL.
"""

from .app import create_app
from .loader import FlowError
from .server import running_server, serve
from .settings import SimulatorSettings

__all__ = ["FlowError", "SimulatorSettings", "create_app", "running_server", "serve"]

SAMPLE_FLOW_IDS = {
    "Order Status": "5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f",
    "Appointment Booking": "7a8b9c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d",
    "Help Centre FAQ": "9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f",
}
"""The sample bot flows, by name."""
SAMPLE_BOT_IDS = {"Store Assistant": "b0751c55-1e0a-4d7e-9b6a-3c2f1e0d9a8b"}
"""The sample execute bots, by name."""
