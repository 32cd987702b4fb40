"""The greeting's decision: the greeting, with where the experimentation stands (bot/core/say/welcome.py)."""
from __future__ import annotations

from bot.core.dialogue.decision import Decision, Say, State
from bot.core.say.welcome import greeting
from bot.core.status import experimentation_status


def greet(state: State) -> Decision:
    status = experimentation_status(state.today, state.knowledge)
    text, buttons = greeting(status, state.knowledge)
    # The greeting says where the experimentation stands: the first answer need not say it again.
    return Decision({"status_told": True} if status.is_closed else {}, say=(Say(text=text, buttons=buttons),))
