"""The action server: thin adapters that read slots, call the core in `bot`, and say the result."""
