"""The OPCO finder's decisions: which OPCO funds a parcours in the sector the visitor names (or gave before)."""
from __future__ import annotations

from bot.core.dialogue.decision import Decision, Say, State, Turn
from bot.core.dialogue.slots import OPCO_ANSWER, PENDING, PENDING_OPCO_SECTOR, answered
from bot.core.read.sectors import SectorMatch, find_sector_in, known_sector_match, parse_sector
from bot.core.read.speaker import names_public_employer
from bot.core.say.audience import audience_of
from bot.core.say.buttons import SECTOR_EXAMPLES
from bot.core.say.forms import OPCO_SECTOR_QUESTION
from bot.core.say.opco import opco_message


def _answer(match: SectorMatch, text: str, state: State) -> Say:
    """The sector's OPCO, with the public-employer caveat when the question names one, worded for the visitor's
    role (an employer finds theirs on their own payslips)."""
    return Say(text=opco_message(match, state.knowledge, public_employer=names_public_employer(text),
                                 audience=audience_of(state.get("role"))))


def _answered(match: SectorMatch) -> dict[str, str]:
    """The answer given, with the sector it was for (a follow-up naming the same sector gets a shorter reply)."""
    return answered(OPCO_ANSWER, match.sector_id if match.matched else None)


def find_opco(turn: Turn, state: State) -> Decision:
    """The OPCO of the sector in the question, else of the sector given before; else the question for it, which
    is remembered (`pending_question`) so that the bare answer comes back to `answer_opco_sector`."""
    k = state.knowledge
    text = turn.text
    match = find_sector_in(text, k) or known_sector_match(state.get("sector"), k)
    if match is None:
        return Decision({PENDING: PENDING_OPCO_SECTOR}, say=(Say(text=OPCO_SECTOR_QUESTION, buttons=SECTOR_EXAMPLES),))
    return Decision(_answered(match), say=(_answer(match, text, state),))


def answer_opco_sector(turn: Turn, state: State) -> Decision:
    """The sector given in answer to the OPCO finder's question. A sector we do not know gets the list of OPCOs,
    not the question again."""
    k = state.knowledge
    text = turn.text
    match = find_sector_in(text, k) or parse_sector(text, k)
    return Decision({PENDING: None, **_answered(match)}, say=(_answer(match, text, state),))
