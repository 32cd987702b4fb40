"""The greeting's decision: the greeting, with where the experimentation stands (bot/core/say/welcome.py)."""
from __future__ import annotations

from bot.core.dialogue.decision import Decision, Say, State
from bot.core.say.welcome import greeting
from bot.core.status import experimentation_status


def greet(state: State) -> Decision:
    text, buttons = greeting(experimentation_status(state.today, state.knowledge), state.knowledge)
    return Decision(say=(Say(text=text, buttons=buttons),))
