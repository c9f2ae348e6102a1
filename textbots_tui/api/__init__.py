"""The Genesys Cloud textbots API: wire models, the async client, OAuth, regions, errors and retries.

Import what you need from its modules (``textbots_tui.api.client``, ``.models``, ``.errors``, ``.regions``):
this package imports nothing, so loading one part (the regions table, say) does not load httpx or pydantic.
"""
