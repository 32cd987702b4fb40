"""Who is speaking: an employer or not, and which kind of employer (private, public, private individual)."""
from __future__ import annotations

import re

from bot.core.knowledge import Knowledge
from bot.core.read.changes import requested_change
from bot.core.read.hiring import find_hires_in, find_jobs_in
from bot.core.read.numbers import digits
from bot.core.read.text import normalize

# Kinds of employer. Only a private employer may sign the contrat de professionnalisation.
PRIVATE = "prive"
PUBLIC = "public"
PARTICULIER = "particulier"
EXCLUDED_KINDS = (PUBLIC, PARTICULIER)
NOT_AN_EMPLOYER = "pas_employeur"  # the visitor said they are not hiring: the employer form hands over


# Matched on `normalize(text)`: lowercase, no accents, punctuation as spaces ("l'État" -> "l etat").
_PUBLIC = re.compile(
    r"\bmairies?\b|\bcollectivites?\b|\bconseil (?:departemental|regional|general)\b|\bfonction publique\b"
    r"|\bhopita(?:l|ux) publics?\b|\bcentres? hospitaliers?\b|\bchu\b|\bassistance publique\b"
    r"|\b(?:employeur|secteur|service|etablissement|organisme|structure|ecole|lycee|college|ehpad|hopital"
    r"|creche|administration|residence)s? publi(?:c|cs|que|ques)\b"
    r"|\b(?:une|l|notre|d|en|dans l|dans une) administration\b|\bministeres?\b|\bprefectures?\b"
    r"|\bl etat\b(?! (?:de|des|du|d)\b)|\bintercommuna\w*|\bcommunaute (?:de communes|d agglomeration|urbaine)\b"
    r"|\bccas\b|\bsdis\b|\brectorat\b|\beducation nationale\b|\b(?:ma|notre|la|une) commune\b"
    # Jobs only a public employer offers (a private school's teachers are paid by the State too).
    r"|\bpolicier(?:e|s|es)?\b|\bgendarmes?\b|\bmilitaires?\b|\bprofesseure?s? des ecoles\b|\binstituteur\w*"
    r"|\bmagistrat\w*|\bdouanier\w*|\bgardien\w* de la paix\b|\bsurveillant\w* penitentiaire\w*"
)
_PARTICULIER = re.compile(
    r"\bparticuliers? employeurs?\b|\b(?:je suis|en tant que|comme|simple) (?:un |une )?particulier(?:e|s)?\b"
    r"|\ba titre (?:personnel|prive)\b|\bcesu\b|\bchez moi\b|\ba (?:mon|notre) domicile\b|\bnounou\b"
    r"|\bemploi direct\b|\b(?:garder|garde de|s occuper de) mes enfants\b"
    r"|\bpour (?:ma mere|mon pere|mes parents|ma grand mere|mon grand pere|mes grands parents)\b"
)
_EMPLOYER_ROLE_WORDS = (
    r"employeu\w*|recruteu\w*|drh|rh|dirigeant\w*|chef\w* d entreprise|patron\w*|gerant\w*|directeu\w*"
    r"|directrice\w*|responsable (?:rh|des ressources humaines|du personnel|du recrutement|recrutement|d agence"
    r"|de site|d etablissement)|charge\w* (?:de|du) recrutement|boss"
)
_EMPLOYER = re.compile(
    rf"\bje (?:suis|serai) (?:un |une |l |le |la )?(?:{_EMPLOYER_ROLE_WORDS})\b"
    rf"|\ben tant qu(?:e)? (?:{_EMPLOYER_ROLE_WORDS}|entreprise|structure|association)\b"
    rf"|\b(?:nous sommes|on est) (?:des |un |une )?employeu\w*|\bcote employeur\b"
    r"|\bje dirige\b|\bje (?:suis a la tete|represente|parle au nom) d\w*"
    r"|\bje gere (?:une|un|notre|mon|ma) (?:entreprise|societe|boite|pme|tpe|restaurant|hotel|agence|magasin"
    r"|boutique|cabinet|garage|structure|association|ehpad|clinique|creche|usine|exploitation|equipe)\b"
    r"|\b(?:je|nous|on) (?:\w+ ){0,4}(?:recrut\w*|embauch\w*)"
    r"|\b(?:je|nous|on) (?:cherch\w*|recherch\w*) (?:des|un|une|\d+|plusieurs|du|de nouveaux|de nouvelles)"
    r" (?:salaries?|employes?|personnel|collaborat\w*|candidat\w*|recrues?|alternants?|profils?)\b"
    r"|\b(?:mes|nos) (?:salaries|employes|collaborateurs|recrues|alternants|equipes)\b|\bmon personnel\b"
    # Not "mon candidat": "mon candidat a 25 ans" is about someone else's eligibility, and an answer with the role
    # entity would start the employer form.
    r"|\bj (?:\w+ )?embauch\w*"
)
# "je veux être embauché", "m'embaucher": the visitor is the one to be hired.
_TO_BE_HIRED = re.compile(r"\b(?:etre|ete|suis|soit|serai|me|m|se faire) (?:recrut|embauch)\w*")


_PRIVATE = re.compile(
    r"\b(?:secteur|entreprise|societe|clinique|structure|etablissement|employeur|ehpad|creche|ecole|hopital"
    r"|residence)s? prive(?:e|s|es)?\b"
)
# Weaker than a public employer named in the same sentence ("notre structure est un hôpital public").
_PRIVATE_BY_DEFAULT = re.compile(r"\b(?:une|notre|mon|ma) (?:entreprise|societe|association|pme|tpe)\b")


def employer_kind(text: str) -> str | None:
    """The kind of employer the text names: PARTICULIER, PRIVATE ("clinique privée", "notre entreprise"),
    PUBLIC ("la mairie", "un hôpital public"), or None when it says nothing about it."""
    normalized = normalize(text)
    if _PARTICULIER.search(normalized):
        return PARTICULIER
    if _PRIVATE.search(normalized):
        return PRIVATE
    if _PUBLIC.search(normalized):
        return PUBLIC
    if _PRIVATE_BY_DEFAULT.search(normalized):
        return PRIVATE
    return None


def names_public_employer(text: str) -> bool:
    """Whether the text names a public employer ("un EHPAD public", "la mairie"), which may not sign."""
    return employer_kind(text) == PUBLIC


# A visitor in the employer's path who says it is not theirs: they clicked "Je suis employeur" by mistake, or
# are looking for themselves (read on `normalize`d text: lowercase, no accents or punctuation).
_NOT_AN_EMPLOYER = re.compile(
    r"\b(?:je ne suis pas|je suis pas|j suis pas|pas un|pas une|ne suis pas) (?:un |une )?(?:employeur|patron|patronne"
    r"|recruteur|recruteuse|chef d entreprise|entreprise)\b"
    r"|\bje (?:ne )?(?:suis|cherche) pas (?:a |pour )?(?:recruter|embaucher)\b"
    r"|\bc est pour moi\b|\bpour moi meme\b|\bje cherche pour moi\b|\bje me suis trompe\w* de bouton\b"
    r"|\bje cherche (?:un |du )?(?:emploi|travail|job|boulot|une formation|un employeur|une entreprise)\b"
    r"|\bje suis (?:demandeu(?:r|se) d emploi|au chomage|candidat|candidate|etudiant|etudiante)\b"
    r"|\bsuis je eligible\b|\b(?:si|moi) je suis eligible\b|\bmon eligibilite\b"
    r"|\bmoi (?:meme )?je (?:veux|voudrais) (?:faire|me former|devenir)\b"
)


# A visitor asking about their own eligibility in so many words ("Suis-je éligible à ce dispositif ?").
_OWN_ELIGIBILITY = re.compile(r"\b(?:suis je|je suis|je serais|serais je|moi je suis) (?:bien )?eligible\b"
                              r"|\bmon eligibilite\b|\b(?:puis je|je peux) (?:en )?(?:beneficier|profiter)\b")


def asks_own_eligibility(text: str) -> bool:
    """True when the visitor asks whether they are eligible ("Suis-je éligible à ce dispositif ?")."""
    return bool(_OWN_ELIGIBILITY.search(normalize(text)))


def says_not_an_employer(text: str) -> bool:
    """True when the visitor says they are not hiring but looking for themselves ("je ne suis pas employeur,
    je cherche un emploi")."""
    return bool(_NOT_AN_EMPLOYER.search(normalize(text)))


# The intent of an employer introducing themselves ("je dirige une entreprise du BTP").
EMPLOYER_INTENT = "employer_intro"
EMPLOYER_INTENT_CONFIDENCE = 0.5


# Answers only the employer form asks for: a visitor who wants to change one is an employer
# ("je voudrais changer la durée" after the plan goes back to the employer form, not to the eligibility one).
EMPLOYER_FORM_CHANGES = ("jobs", "hires", "months")


def writes_as_employer(intent: str | None, confidence: float, text: str) -> bool:
    """True when a message shows its writer hires: they introduce themselves as an employer (the intent,
    fairly sure, unless the words are a candidate's own project), write as one ("en tant que recruteur, combien ça
    me coûte ?") or ask to change an answer only the employer form asks for ("je voudrais changer la durée"); never
    one who says they are not ("je ne suis pas employeur"), which the intent classifier may still call an
    introduction."""
    if says_not_an_employer(text):
        return False
    if speaks_as_employer(text) or requested_change(text) in EMPLOYER_FORM_CHANGES:
        return True
    return intent == EMPLOYER_INTENT and confidence >= EMPLOYER_INTENT_CONFIDENCE and not speaks_of_own_project(text)


# A visitor speaking of their own career ("je veux m'occuper des personnes âgées", "évoluer dans mon entreprise",
# "devenir maçon"): what they want to do themselves, never what they hire for. Read on `normalize`d text.
_OWN_PROJECT = re.compile(
    r"^(?:(?:bonjour|bonsoir|salut|slt|moi|alors|ben|euh) )*"
    r"(?:(?:je (?:veux|voudrais|souhaite|souhaiterais|aimerais|compte|vais|peux|pourrais|cherche a|reve de)"
    r"|j aimerais|j ai envie d|j voudrais|jveux) )?(?:(?:de |d )?(?:pouvoir )?)?"
    r"(?:(?:m|me) (?:occuper|former|reconvertir|orienter|lancer|installer)\b"
    r"|(?:evoluer|devenir|redevenir|travailler|progresser|apprendre|bosser|exercer)\b"
    r"|changer de (?:metier|voie|job|travail)\b)"
)


def speaks_of_own_project(text: str) -> bool:
    """True when the message says what the visitor wants to do themselves ("je veux m'occuper des personnes
    âgées", "évoluer dans mon entreprise"): a candidate, whatever the intent classifier makes of it."""
    return bool(_OWN_PROJECT.search(normalize(text)))


# The intents a classifier gives an employer's first sentence when it reads the question in it rather than the
# introduction ("On voudrait embaucher deux commis de cuisine…, avec un contrat de professionnalisation en VAE
# inversée." is a FAQ question to it), or hesitates between the two (not understood).
OPENING_INTENTS = frozenset({"faq", "check_eligibility", "nlu_fallback"})


def opens_employer_path(intent: str | None, text: str, k: Knowledge | None = None, unsure: bool = False) -> bool:
    """True when a message written by an employer names what they hire (the jobs or how many), or is one the
    classifier's reading leaves `unsure` (not understood, or a FAQ question no answer fits: "Nous sommes une
    fonderie de 80 salariés et nous avons du mal à recruter. La VAE inversée peut-elle nous aider ?"), while the
    intent would not start the employer's path: its answer is that path, which reads every detail of the message."""
    if intent not in OPENING_INTENTS or says_not_an_employer(text) or not speaks_as_employer(text):
        return False
    return unsure or find_jobs_in(text, k) is not None or find_hires_in(text, k) is not None


# A company speaking of itself before anything else ("une PME du BTP, 3 maçons, 12 mois", "Une société de
# gardiennage, 3 agents…"): an employer when people are counted in the same message.
_COMPANY_OPENING = re.compile(
    r"^(?:(?:bonjour|bonsoir|salut|hello) )?(?:une?|notre|nous sommes une?|on est une?|c est une?) (?:petite |grande )?"
    r"(?:societe|entreprise|pme|tpe|start ?up|association|clinique|agence|boite|cabinet|garage|usine|exploitation"
    r"|ehpad|hotel|restaurant|brasserie|boulangerie|commerce|structure|fonderie|enseigne|groupe|franchise)\b"
)
_PEOPLE_COUNTED = re.compile(r"\b\d+ (?!(?:mois|ans?|annees?|semaines?|jours?|heures?|h|euros?|eur|k|%)\b)[a-z]")


def speaks_as_employer(text: str) -> bool:
    """True when the visitor writes as someone who hires ("je dirige une entreprise", "nous voulons recruter",
    "une PME du BTP, 3 maçons, 12 mois")."""
    normalized = normalize(text)
    opening = _COMPANY_OPENING.search(normalized)
    if opening and _PEOPLE_COUNTED.search(digits(normalized[opening.end():])):
        return True
    if not _EMPLOYER.search(normalized):
        return False
    return not _TO_BE_HIRED.search(normalized) or bool(re.search(r"\bje (?:recrute|embauche)\b", normalized))
