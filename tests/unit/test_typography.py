"""Issue 34: French typography and one inclusive-form convention, on every answer the product can give.

The visitor receives `typeset(text)` (bot.adapters.nlg for the domain's responses, actions/context.py for the
actions' messages, bot.core.say.channel for the channels' own): every answer of tests/unit/rendered.py, typeset,
must have its no-break spaces; every answer and button must follow the convention of docs/decisions.md.
"""

from __future__ import annotations

import re

import pytest

from bot.core.say.format import format_eur, format_number, format_percent
from bot.core.say.typography import NNBSP, typeset, untypeset
from tests.unit.rendered import answers, button_titles
from tests.unit.say_checks import ADDRESS, typography_problems

ANSWERS = list(answers())
TITLES = list(button_titles())


# --------------------------------------------------------------------------- the function


@pytest.mark.parametrize("text,expected", [
    ("Suis-je éligible ? Oui !", "Suis-je éligible\u202f? Oui\u202f!"),
    ("Source : décret ; loi", "Source\u202f: décret\u202f; loi"),
    ("« Suis-je éligible ? »", "«\u202fSuis-je éligible\u202f?\u202f»"),
    ("«oui»", "«\u202foui\u202f»"),
    ("C'est quoi?", "C'est quoi\u202f?"),
    ("9 000 € soit 55 %", "9\u202f000\u202f€ soit 55\u202f%"),
    ("13 120€ et 1 234 567 €", "13\u202f120\u202f€ et 1\u202f234\u202f567\u202f€"),
    ("55%", "55\u202f%"),
    ("Voir https://www.service-public.fr/vosdroits?id=1 : merci", "Voir https://www.service-public.fr/vosdroits?id=1\u202f: merci"),
    ("Écrivez à contact@opco.fr !", "Écrivez à contact@opco.fr\u202f!"),
    ("Rendez-vous à 14:30 👍 !", "Rendez-vous à 14:30 👍\u202f!"),
    ("de 16 à 25 ans, en 2026, le 28 février", "de 16 à 25 ans, en 2026, le 28 février"),
    ('JSON {"sender": "…"}', 'JSON {"sender": "…"}'),
])
def test_typeset(text, expected):
    assert typeset(text) == expected
    assert typeset(expected) == expected  # idempotent


def test_figures_are_written_with_the_same_space():
    assert format_number(13120) == f"13{NNBSP}120"
    assert format_eur(9000) == f"9{NNBSP}000{NNBSP}€" and format_percent(55) == f"55{NNBSP}%"
    assert all(typeset(figure) == figure for figure in (format_eur(1234567.5), format_percent(85), format_number(5000)))


def test_the_check_finds_what_typeset_mends():
    raw = "Vous avez 9 000 € : soit 55 % ? « Oui »"
    assert len(typography_problems(raw)) == 7 and typography_problems(typeset(raw)) == []
    assert typography_problems("Le plafond est de 13120 €.") and typography_problems("Pourquoi\n?")


# --------------------------------------------------------------------------- every answer, typeset


def test_every_answer_is_enumerated():
    labels = {label.split()[0].split("[")[0] for label, _ in ANSWERS}
    assert {"utter_faq/definition", "utter_ask_situation", "verdict", "plan", "options", "funding", "opco",
            "forms.SITUATION_PROBLEM", "status", "greeting", "channel.EMPTY_MESSAGE"} <= labels
    assert len(ANSWERS) > 1000 and len(TITLES) > 100


def test_every_answer_has_french_typography_once_typeset():
    problems = {label: found for label, text in ANSWERS if (found := typography_problems(typeset(text)))}
    assert not problems, list(problems.items())[:5]


def test_every_button_title_has_french_typography_once_typeset():
    problems = {title: found for _, title in TITLES if (found := typography_problems(typeset(title)))}
    assert not problems, problems


# --------------------------------------------------------------------------- one inclusive-form convention

# docs/decisions.md: no abbreviated inclusive forms (parentheses, point médian, dots, slashes); the visitor is
# addressed with epicene wording ("en emploi", "vous avez un emploi") or, when a gendered word cannot be avoided,
# the full doublet ("salarié ou salariée").
ABBREVIATED = re.compile(r"\w\((?:e|es|ne|nes|le|les|se|ses|rice|rices|euse|euses|s)\)|\w[·•‧∙]\w|"
                         r"[a-zàâçéèêëîïôûù][./-]e(?:s)?\b(?!-)")
# The words a visitor is called by, in their masculine form; each must come with its feminine ("salarié ou
# salariée") when it speaks to the visitor ("vous êtes …", "êtes-vous …", a button naming a situation).
GENDERED = ("salarié", "étudiant", "lycéen", "demandeur d'emploi", "inscrit", "diplômé", "apprenti", "employé",
            "retraité", "indépendant", "seul", "sûr", "prêt", "intéressé", "concerné", "certain", "salariés")
ADDRESSED = re.compile(r"\b(?:vous êtes|êtes-vous|vous serez|vous étiez|si vous êtes)\s+(?:déjà\s+|encore\s+|bien\s+)?"
                       rf"({'|'.join(GENDERED)})\b(?!\s+ou\s+\w)", re.IGNORECASE)


def inclusive_problems(text: str, button: bool = False) -> list[str]:
    text = ADDRESS.sub("ADDRESS", untypeset(text))
    found = [match.group() for match in ABBREVIATED.finditer(text)]
    found += [match.group() for match in ADDRESSED.finditer(text)]
    if button:  # a button naming the visitor's situation: "Salarié" alone
        found += [text for word in GENDERED if re.fullmatch(rf"{word}s?", text.strip(), re.IGNORECASE)]
    return found


def test_the_inclusive_check_finds_the_forms_it_forbids():
    for text in ("Salarié(e)", "Étudiant(e) ou lycéen(ne)", "salarié·e", "inscrit.e sur la liste", "salarié/e",
                 "Vous êtes salarié : en CDI", "Êtes-vous salarié, demandeur d'emploi ?"):
        assert inclusive_problems(text), text
    assert inclusive_problems("Salarié", button=True)
    for text in ("Vous êtes salarié ou salariée.", "Vous avez un emploi", "En recherche d'emploi", "article L. 6325-1",
                 "Si vous êtes employeur, adressez-vous à votre OPCO.", "www.opco-ep.fr", "contact@opco.fr",
                 "les salariés de l'entreprise", "former un apprenti ou une apprentie"):
        assert not inclusive_problems(text), text


def test_every_answer_follows_the_inclusive_convention():
    problems = {label: found for label, text in ANSWERS if (found := inclusive_problems(text))}
    assert not problems, list(problems.items())[:5]


def test_every_button_follows_the_inclusive_convention():
    problems = {title: found for label, title in TITLES if (found := inclusive_problems(title, button=True))}
    assert not problems, problems


def test_the_review_search_reads_no_break_spaces_as_typed_spaces():
    from bot.adapters.store.conversation import search_key

    assert search_key(typeset("Quel plafond ? 9 000 €")) == search_key("Quel plafond ? 9 000 €")
