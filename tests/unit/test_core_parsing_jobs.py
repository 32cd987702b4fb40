"""Jobs from France Travail's ROME: the code decides the sector, a workplace the branch, the wanted job wins."""

from __future__ import annotations

import shutil
import statistics
import time

import pytest

from bot.core.knowledge import KnowledgeError, load
from bot.core.knowledge.rome import ATTRIBUTION, ROME_DIR, load_rome
from bot.core.read.jobs import job_index, title_forms
from bot.core.read.sectors import find_sector_in, parse_sector
from bot.core.read.text import word_tokens
from bot.tools.rome.measure import accuracy, in_sentences, sample

K = load()
ROME = load_rome(K)

# Issue 33: titles the phrase list read in the wrong sector or none. "Right" is the sector of the title's ROME code.
ISSUE_EXAMPLES = [
    ("betteravier", "agriculture"),  # A1416 exploitation agricole
    ("guichetier de banque", "banque_assurance"),  # C1201 accueil en banque
    ("chef de fabrication", "industrie"),  # H2507 (child of H25, encadrement de production)
    ("aide-boucher", "artisanat_alimentaire"),  # D1101 boucherie, not "aide à domicile"
    ("esthéticien à domicile", "coiffure_esthetique"),  # D1208 soins esthétiques, not "aide à domicile"
    ("expert automobile d'assurance", "banque_assurance"),  # C1113 expertise en assurance, not "automobile"
]


@pytest.mark.parametrize(("text", "sector_id"), ISSUE_EXAMPLES)
def test_the_issues_job_titles(text, sector_id):
    assert parse_sector(text).sector_id == sector_id
    assert find_sector_in(f"je suis {text} depuis 5 ans").sector_id == sector_id


def test_the_wanted_job_and_the_workplace_decide_over_the_job_held():
    text = ("Je suis agent de service dans une clinique depuis 3 ans et je voudrais faire une VAE pour devenir "
            "aide-soignant")
    assert find_sector_in(text).sector_id == "sante"
    assert parse_sector(text).sector_id == "sante"
    assert parse_sector("agent de service dans une clinique").sector_id == "sante"  # not cleaning (Akto)
    assert parse_sector("agent de service").sector_id == "proprete"


@pytest.mark.parametrize(
    ("text", "sector_id"),
    [
        ("je suis serveur dans un hôtel et je veux devenir maçon", "btp"),
        ("je suis maçon mais je voudrais être aide-soignante", "sante"),
        ("cuisinier dans un hôpital", "sante"),  # the hospital's branch, not hotels and restaurants
        ("secrétaire dans un EHPAD", "sante"),
        ("comptable dans un garage", "automobile"),
        ("cuisinière dans un restaurant", "hotellerie_restauration"),
        ("je veux devenir infirmier dans une clinique", "sante"),
        ("je suis vendeuse dans une boulangerie", "artisanat_alimentaire"),
        ("secrétaire dans un salon de coiffure", "coiffure_esthetique"),
        ("boucher dans un supermarché", "grande_distribution"),
    ],
)
def test_workplaces_and_wanted_jobs(text, sector_id):
    assert find_sector_in(text).sector_id == sector_id


@pytest.mark.parametrize(
    ("text", "sector_id"),
    [
        ("Aide-soignante", "sante"),
        ("aides-soignants", "sante"),
        ("AIDES SOIGNANTES", "sante"),
        ("Guichetière de banque", "banque_assurance"),
        ("guichetieres de banque", "banque_assurance"),
        ("betteraviere", "agriculture"),
        ("betteravire", "agriculture"),  # a letter missing
        ("guichetier de bnaque", "banque_assurance"),  # two letters swapped
        ("conducteur de poids lourd", "transport"),
        ("commise de cuisine", "hotellerie_restauration"),
        ("auxiliaire de vie sociale", "aide_domicile"),  # the knowledge's exception to K1306
        ("accompagnant éducatif et social", "social"),
        ("cordiste", "btp"),
        ("ambulancière", "transport"),
    ],
)
def test_rome_titles_as_answers(text, sector_id):
    match = parse_sector(text)
    assert match.matched and match.sector_id == sector_id
    assert match.opco_id == K.sector(sector_id).opco_id


def test_title_forms_split_masculine_and_feminine():
    assert title_forms("Aide-soignant / Aide-soignante") == ["Aide-soignant", "Aide-soignante"]
    assert title_forms("Agent / Agente de service hospitalier (ASH)") == [
        "Agent de service hospitalier", "Agente de service hospitalier"]
    assert title_forms("Agent administratif / Agente administrative banque ou assurance") == [
        "Agent administratif banque ou assurance", "Agente administrative banque ou assurance"]
    assert title_forms("Fleuriste") == ["Fleuriste"]


def test_a_seeded_sample_of_rome_titles_reads_as_its_codes_sector():
    answers = sample(2000, seed=33)
    rate, misses = accuracy(parse_sector, answers)
    assert rate >= 0.98, misses[:20]
    rate, misses = accuracy(find_sector_in, in_sentences(answers, seed=33))
    assert rate >= 0.97, misses[:20]


def test_reading_stays_in_the_low_milliseconds():
    parse_sector("warm-up")
    texts = [case.text for case in sample(300, seed=7)]
    durations = []
    for text in texts + [f"je suis {text} depuis 5 ans" for text in texts]:
        start = time.perf_counter()
        find_sector_in(text)
        parse_sector(text)
        durations.append(time.perf_counter() - start)
    assert statistics.median(durations) < 0.005


def test_every_grand_domaine_and_code_has_a_mapping_entry():
    assert {code[0] for code in ROME.code_labels} == set("ABCDEFGHIJKLMN")
    for prefix, sector_id in ROME.prefixes.items():
        assert sector_id is None or K.has_sector(sector_id), prefix
    assert ROME.sector_of("J1501") == "sante" and ROME.sector_of("F1703") == "btp"
    assert ROME.sector_of("D1208") == "coiffure_esthetique" and ROME.sector_of("D1214") == "commerce"
    assert ROME.sector_of("M1607") is None  # a secretary: the employer's branch is unknown


def test_the_attribution_ships_with_the_data():
    assert ATTRIBUTION in (ROME_DIR / "README.md").read_text(encoding="utf-8")
    assert ATTRIBUTION in ROME.source
    assert len(ROME.titles) == 13119


def test_the_knowledges_exceptions_to_the_rome_are_few_and_listed():
    """Phrases of vae_inversee.yml that are ROME titles of a code mapped to another sector keep their sector."""
    index = job_index(K, ROME)
    exceptions = set()
    for sector in K.sectors:
        for phrase in sector.synonyms:
            key = " ".join(word_tokens(phrase))
            if key in index.titles and index.titles[key][1] not in (None, sector.id):
                exceptions.add(phrase)
    assert exceptions == {"aide médico-psychologique", "auxiliaire de vie sociale"}


def test_a_mapping_to_an_unknown_sector_is_a_data_error(tmp_path):
    for name in ("titles.tsv", "codes.tsv", "README.md"):
        shutil.copy(ROME_DIR / name, tmp_path / name)
    table = (ROME_DIR / "sectors.yml").read_text(encoding="utf-8").replace("  J: sante", "  J: hopital")
    (tmp_path / "sectors.yml").write_text(table, encoding="utf-8")
    with pytest.raises(KnowledgeError, match="J: unknown sector 'hopital'"):
        load_rome(K, tmp_path)


@pytest.mark.parametrize(
    "text",
    [
        "l'employeur doit désigner un tuteur ?",  # "Designer" is a ROME title
        "les mineurs peuvent le faire ?",
        "mon conseiller emploi m'a parlé d'une VAE à l'envers",  # someone else's job
        "qui va m'encadrer pendant le contrat ?",  # not "encadreur"
        "comment s'organise le parcours ?",  # not "organiste"
        "comment tailler un rosier",  # not "tailleur"
        "qui va remporter le championnat",  # not "reporter"
    ],
)
def test_everyday_words_near_a_title_are_not_jobs(text):
    assert find_sector_in(text) is None


@pytest.mark.parametrize(("text", "sector_id"), [
    ("je suis designer", "industrie"),
    ("je suis couturiere", "artisanat_alimentaire"),
    ("bonjour, je suis coutruière depuis 3 ans", "artisanat_alimentaire"),
])
def test_a_one_word_title_after_a_cue_counts_in_a_sentence(text, sector_id):
    assert find_sector_in(text).sector_id == sector_id


def test_a_child_code_takes_its_parent_sheets_sector_within_its_grand_domaine():
    assert ROME.parents["D1216"] == "D1202" and ROME.sector_of("D1216") == "coiffure_esthetique"  # coiffeur barbier
    assert ROME.sector_of("I1310") == "industrie" and ROME.sector_of("I1612") == "automobile"
    assert ROME.parents["C1113"] == "I1604" and ROME.sector_of("C1113") == "banque_assurance"  # another domain
    assert parse_sector("gérante de salon de coiffure").sector_id == "coiffure_esthetique"


def test_a_monstrous_word_is_read_quickly():
    start = time.perf_counter()
    assert find_sector_in("x" * 10_000) is None
    assert parse_sector("y" * 10_000).sector_id == "autre"
    assert time.perf_counter() - start < 0.5
