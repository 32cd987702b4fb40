"""The action server: thin adapters that read slots, call the core in `bot`, and say the result."""

from bot.core.read.sectors import warm_up

warm_up()  # the job index (every ROME title) is built when the server starts, not on a visitor's first answer
