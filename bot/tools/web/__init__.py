"""The website chat widget: static files (static/) and the small server that serves them (server.py)."""
