"""Inline SVG charts and French labels (pure)."""
from __future__ import annotations

from datetime import date
from xml.etree import ElementTree

from bot.tools.review import charts, labels


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)


def test_bar_chart_is_valid_svg_with_one_bar_per_item():
    svg = parse(charts.bar_chart([("faq", 12), ("greet", 3)], "Intentions"))
    namespace = "{http://www.w3.org/2000/svg}"
    bars = svg.findall(f"{namespace}rect")
    assert len(bars) == 2 and float(bars[0].get("width")) > float(bars[1].get("width"))
    assert svg.find(f"{namespace}title").text == "Intentions"


def test_labels_are_escaped():
    svg = charts.bar_chart([("<script>alert(1)</script>", 1)], "x & y")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    parse(svg)


def test_column_and_stacked_charts():
    days = [("2026-01-01", 2), ("2026-01-02", 0), ("2026-01-03", 5)]
    assert len(parse(charts.column_chart(days, "Jours")).findall("{http://www.w3.org/2000/svg}rect")) == 3
    stacked = charts.stacked_bar_chart([("Santé", {"eligible": 3, "not_eligible": 1})],
                                       [("eligible", "Éligible"), ("not_eligible", "Pas encore éligible")], "Secteurs")
    assert "Santé, Éligible : 3" in stacked
    parse(stacked)


def test_empty_charts_draw_nothing():
    assert charts.bar_chart([], "x") == charts.column_chart([], "x") == charts.stacked_bar_chart([], [], "x") == ""


def test_french_formats():
    assert labels.french_date(date(2026, 2, 28)) == "28 février 2026"
    assert labels.french_date(date(2026, 3, 1)) == "1er mars 2026"
    assert labels.number(100000) == "100 000"
    assert labels.percent(0.125) == "12,5 %" and labels.percent(1.0) == "100 %" and labels.percent(None) == "—"
    assert labels.confidence(0.934) == "0,93"
    assert labels.french_datetime(1_772_269_200.0) == "28 février 2026 à 10:00"


def test_codes_get_french_labels():
    assert labels.label(labels.OUTCOMES, "abandoned") == "Questionnaire abandonné"
    assert labels.label(labels.TAGS, None) == "—"
    assert labels.label(labels.CHANNELS, "telegram") == "telegram"
    assert labels.sector("sante") == "Santé" and labels.sector("autre") == "Autre secteur"
    assert labels.sector("inconnu") == "inconnu" and labels.sector(None) == "—"
