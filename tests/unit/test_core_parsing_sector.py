"""Sectors and jobs: exact synonyms, no accents, feminine forms, typos, sentences."""

from __future__ import annotations

import pytest
import yaml

from bot.core.knowledge import DEFAULT_PATH, KnowledgeError, load
from bot.core.read.sectors import find_sector_in, parse_sector
from bot.core.read.text import normalize

SECTOR_TABLE = [
    # health and social
    ("aide-soignante", "sante"),
    ("aide soignant", "sante"),
    ("les aides-soignants", "sante"),
    ("aide soignnte", "sante"),
    ("Infirmière", "sante"),
    ("infirmier", "sante"),
    ("infirmiere", "sante"),
    ("infirmire", "sante"),
    ("je travaille à l'hôpital", "sante"),
    ("le secteur de la santé", "sante"),
    ("EHPAD", "sante"),
    ("AS", "sante"),
    ("éducateur spécialisé", "social"),
    ("educatrice specialisee", "social"),
    ("moniteur éducateur", "social"),
    ("assistante sociale", "social"),
    ("médico-social", "social"),
    ("auxiliaire de vie", "aide_domicile"),
    ("aide à domicile", "aide_domicile"),
    ("aide a domicile", "aide_domicile"),
    ("aide ménagère", "aide_domicile"),
    ("services à la personne", "aide_domicile"),
    ("animatrice", "animation"),
    ("petite enfance", "animation"),
    # transport, car, building, industry
    ("chauffeur de bus", "transport"),
    ("chaufeur de bus", "transport"),
    ("chauffeuse de bus", "transport"),
    ("conducteur routier", "transport"),
    ("conductrice routière", "transport"),
    ("chauffeur poids lourds", "transport"),
    ("cariste", "transport"),
    ("préparatrice de commandes", "transport"),
    ("logistique", "transport"),
    ("livreur", "transport"),
    ("mécanicienne auto", "automobile"),
    ("garagiste", "automobile"),
    ("carrossier", "automobile"),
    ("maçon", "btp"),
    ("macon", "btp"),
    ("dans le BTP", "btp"),
    ("plombier", "btp"),
    ("plombiere", "btp"),
    ("électricien", "btp"),
    ("electricienne", "btp"),
    ("je veux devenir plombier", "btp"),
    ("couvreur", "btp"),
    ("peintre en batiment", "btp"),
    ("soudeur", "industrie"),
    ("soudeuse", "industrie"),
    ("opératrice de production", "industrie"),
    ("chaudronnier", "industrie"),
    ("industrie pharmaceutique", "industrie"),
    # services
    ("cuisinier", "hotellerie_restauration"),
    ("cuisiniere", "hotellerie_restauration"),
    ("serveuse", "hotellerie_restauration"),
    ("serveur", "hotellerie_restauration"),
    ("hôtellerie restauration", "hotellerie_restauration"),
    ("la restauration", "hotellerie_restauration"),
    ("réceptionniste", "hotellerie_restauration"),
    ("agent d'entretien", "proprete"),
    ("agente d entretien", "proprete"),
    ("femme de ménage", "proprete"),
    ("nettoyage", "proprete"),
    ("agent de sécurité", "securite"),
    ("vigile", "securite"),
    # agriculture, crafts
    ("agriculteur", "agriculture"),
    ("agricultrice", "agriculture"),
    ("ouvrier agricole", "agriculture"),
    ("viticulteur", "agriculture"),
    ("paysagiste", "agriculture"),
    ("boulanger", "artisanat_alimentaire"),
    ("boulangère", "artisanat_alimentaire"),
    ("boulangere", "artisanat_alimentaire"),
    ("boulangre", "artisanat_alimentaire"),
    ("bouchère", "artisanat_alimentaire"),
    ("pâtissier", "artisanat_alimentaire"),
    ("coiffeuse", "coiffure_esthetique"),
    ("coiffeur", "coiffure_esthetique"),
    ("esthéticienne", "coiffure_esthetique"),
    ("préparatrice en pharmacie", "professions_liberales"),
    ("assistante dentaire", "professions_liberales"),
    # trade, finance, digital, culture
    ("caissière", "grande_distribution"),
    ("une boutique de vêtements", "commerce"),
    ("caissiere", "grande_distribution"),
    ("vendeur", "commerce"),
    ("vendeuse", "commerce"),
    ("grande distribution", "grande_distribution"),
    ("banquier", "banque_assurance"),
    ("la banque", "banque_assurance"),
    ("banque", "banque_assurance"),
    ("conseillère bancaire", "banque_assurance"),
    ("comptable", "banque_assurance"),
    ("assurance", "banque_assurance"),
    ("développeur", "numerique"),
    ("developpeuse", "numerique"),
    ("développeur web", "numerique"),
    ("informatique", "numerique"),
    ("technicien informatique", "numerique"),
    ("comédienne", "culture_loisirs"),
    ("coach sportif", "culture_loisirs"),
    ("tourisme", "culture_loisirs"),
]


def test_table_is_large_enough():
    assert len(SECTOR_TABLE) >= 60


@pytest.mark.parametrize(("text", "sector_id"), SECTOR_TABLE)
def test_sector_normalisation(text, sector_id):
    match = parse_sector(text)
    assert match.matched, text
    assert match.sector_id == sector_id
    assert match.raw == text
    sector = load().sector(sector_id)
    assert (match.label, match.tension, match.opco_id) == (sector.label, sector.tension, sector.opco_id)


@pytest.mark.parametrize(("text", "score"), [("aide-soignante", 100.0), ("aide soignnte", 90.0)])
def test_score(text, score):
    assert parse_sector(text).score >= score


@pytest.mark.parametrize("text", ["astronaute", "je sais pas", "", "???", "agent", "commence", "xyzzy"])
def test_unknown_is_other_not_refused(text):
    match = parse_sector(text)
    assert (match.sector_id, match.matched, match.opco_id, match.raw) == ("autre", False, None, text.strip())


def test_every_opco_is_reachable_from_a_typed_sector():
    k = load()
    reached = set()
    for sector in k.sectors:
        match = parse_sector(sector.synonyms[0])
        assert match.sector_id == sector.id, sector.synonyms[0]
        reached.add(match.opco_id)
    assert reached == {opco.id for opco in k.opcos}


def test_every_synonym_reads_back_to_its_sector():
    k = load()
    for sector in k.sectors:
        for phrase in (*sector.synonyms, *sector.short_forms):
            assert parse_sector(phrase).sector_id == sector.id, phrase


@pytest.mark.parametrize(
    ("text", "sector_id"),
    [
        ("J'ai 30 ans, je veux être conducteur routier, suis-je éligible ?", "transport"),
        ("je suis aide-soignante dans un EHPAD, ça marche ?", "sante"),
        ("quel OPCO pour la restauration", "hotellerie_restauration"),
        ("je voudrais devenir chaufeur de bus", "transport"),
        ("nous sommes une entreprise du BTP", "btp"),
        ("mon fils veut être boulanger", "artisanat_alimentaire"),
        ("je suis éducatrice de jeunes enfants", "animation"),
        ("je veux être éducateur sportif", "culture_loisirs"),
    ],
)
def test_find_sector_in_a_sentence(text, sector_id):
    match = find_sector_in(text)
    assert match is not None and match.sector_id == sector_id


@pytest.mark.parametrize(
    "text",
    [
        "suis-je éligible ?",
        "est-ce que je peux en bénéficier",
        "combien ça coûte ?",
        "qui finance la formation ?",
        "c'est fermé ?",
        "je veux parler à un conseiller",
        "est-ce que les frais de transport sont couverts ?",
        "tu as quel âge ?",
        "j'ai 30 ans",
        "bonjour",
        "c'est quoi la VAE inversée",
        "quand est-ce que ça commence ?",
        "je suis en situation de handicap",
        "un entretien d'embauche",
        "car je veux une aide financière",
    ],
)
def test_no_false_positive_in_generic_sentences(text):
    assert find_sector_in(text) is None


def test_normalize():
    assert normalize("  L'Aide-Soignante  à l’HÔPITAL ! ") == "l aide soignante a l hopital"
    assert normalize("Maçon, œuvre") == "macon oeuvre"


def test_a_synonym_claimed_by_two_sectors_is_a_data_error(tmp_path):
    data = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    data["sectors"][0]["synonyms"].append("Plombière")  # belongs to btp
    path = tmp_path / "facts.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(KnowledgeError, match="'plombière' of sector 'btp' already belongs to 'sante'"):
        parse_sector("plombier", load(path))
