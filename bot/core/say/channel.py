"""What the channels say themselves, without the dialogue: empty or over-long messages, failures, bad requests.

They reach the visitor without going through the dialogue, hence typeset here.
"""

from __future__ import annotations

from bot.core.say.format import format_number
from bot.core.say.typography import typeset

EMPTY_MESSAGE = typeset(
    "Votre message est vide. Posez-moi une question sur la VAE inversée, par exemple « Suis-je éligible ? »."
)
TECHNICAL_PROBLEM = typeset(
    "Désolé, je rencontre un problème technique et je ne peux pas répondre pour le moment. "
    "Pouvez-vous réessayer dans quelques instants ?"
)
ERASE_LATER = "Vos données n'ont pas pu être effacées pour le moment. Réessayez dans quelques minutes."

# The "error" of a refused HTTP request, read by the widget's developers rather than by visitors.
BAD_REQUEST = typeset("Requête invalide : envoyez un objet JSON {\"sender\": \"…\", \"message\": \"…\"}.")
BAD_FEEDBACK = typeset(
    "Requête invalide : envoyez un objet JSON {\"sender\": \"…\", \"timestamp\": <horodatage de la réponse>, "
    "\"value\": \"up\" ou \"down\"}."
)
UNKNOWN_CONVERSATION = "conversation inconnue"
UNKNOWN_ANSWER = "réponse inconnue dans cette conversation"
BAD_CONVERSATION_ID = "identifiant de conversation invalide"
CANNOT_ERASE = "effacement impossible avec ce stockage"


def too_long_message(max_chars: int) -> str:
    """The answer to a message longer than the channel's `max_chars`."""
    return typeset(
        f"Votre message est trop long pour moi (plus de {format_number(max_chars)} caractères). "
        "Pouvez-vous poser votre question en une ou deux phrases ?"
    )
