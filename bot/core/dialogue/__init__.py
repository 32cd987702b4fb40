"""The dialogue's decisions, as plain functions over plain values: what a message means for the conversation.

What the NLU read and the slots go in, a `Decision` comes out (slots to set, what to say, what to run next); the
action server (actions/) only translates the tracker into these values and the decision into Rasa events. No
Rasa import here (tests/unit/test_core_purity.py).

- decision.py: `Turn` (the message), `State` (slots, active form, date, knowledge), `Decision`, `Say`;
- slots.py: the slot names and values several parts share (`pending_question`, `role`);
- form.py: the policy every form follows (answer, digression, change request, skip, correction, failures);
- eligibility_form.py: the eligibility form's readers and exceptions, the age question, the verdict, start over;
- employer_form.py: the employer form's readers and exceptions, the welcome, the contract question, the plan;
- funding.py, opco.py, faq.py: the decisions of the actions outside the forms.

A reader is `(turn, state) -> Reading` (bot/core/read/reading.py); the regexes about the shape of a reply
(question, skip, correction) are in bot/core/read/replies.py, the sentences in bot/core/say/forms.py and the
buttons in bot/core/say/buttons.py.
"""
from bot.core.dialogue.decision import Decision, Say, State, Turn

__all__ = ["Decision", "Say", "State", "Turn"]
