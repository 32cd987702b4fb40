"""bot.adapters.speedups: the Rasa version guard, the VAE_SPEEDUPS_OFF switch and the table of patches.

Here the patches of the table are replaced by recorders, so nothing of Rasa is patched in the test process;
tests/test_rasa_speedups.py checks the same on Rasa's real attributes, in fresh processes.
"""
from __future__ import annotations

import dataclasses
import logging
import re

import pytest

from bot.adapters import speedups as rasa_speedups

NAMES = rasa_speedups.PATCH_NAMES


@pytest.fixture
def installs(monkeypatch):
    """The names of the patches apply() installs, in order, in a process state where none was decided yet."""
    import rasa

    calls: list[str] = []
    recorders = tuple(dataclasses.replace(patch, install=lambda name=patch.name: calls.append(name))
                      for patch in rasa_speedups.PATCHES)
    monkeypatch.setattr(rasa_speedups, "PATCHES", recorders)
    monkeypatch.setattr(rasa_speedups, "_decided", {})
    monkeypatch.setattr(rasa_speedups, "_stock_rasa", False)
    monkeypatch.setattr(rasa_speedups, "_reported_unknown", set())
    monkeypatch.setattr(rasa_speedups, "module_version", rasa_speedups.LIBRARY_VERSIONS.get)
    monkeypatch.setattr(rasa, "__version__", rasa_speedups.RASA_VERSION)
    monkeypatch.delenv(rasa_speedups.OFF_ENV, raising=False)
    return calls


def warnings_of(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == rasa_speedups.__name__ and r.levelno >= logging.WARNING]


def test_the_patches_were_written_for_rasa_3_6_21():
    import rasa

    assert rasa_speedups.RASA_VERSION == "3.6.21" == rasa.__version__
    assert rasa_speedups.rasa_version_supported("3.6.21")
    for other in ("3.6.20", "3.6.22", "3.7.0", "3.6.21rc1", "3.6.21.post1", "3.6.2", "13.6.21", ""):
        assert not rasa_speedups.rasa_version_supported(other), other


def test_on_the_expected_version_every_patch_is_installed_once_in_order(installs, caplog):
    caplog.set_level(logging.INFO)
    assert rasa_speedups.apply() == tuple(n for n in NAMES if n != "selector_retrieval_only")
    assert rasa_speedups.apply(serving=True) == NAMES  # the serving-only patch is added when serving
    assert rasa_speedups.apply(serving=True) == NAMES  # idempotent
    assert installs == list(NAMES)
    assert warnings_of(caplog) == []


@pytest.mark.parametrize("found", ["3.6.20", "3.7.0", "4.0.0"])
def test_on_another_rasa_version_nothing_is_installed_and_one_line_says_why(installs, caplog, monkeypatch, found):
    import rasa

    monkeypatch.setattr(rasa, "__version__", found)
    caplog.set_level(logging.INFO)
    assert rasa_speedups.apply(serving=True) == ()
    assert rasa_speedups.apply(serving=True) == ()  # told once
    assert installs == []
    records = [r for r in caplog.records if r.name == rasa_speedups.__name__]
    assert len(records) == 1 and records[0].levelno == logging.WARNING
    assert found in records[0].getMessage() and "3.6.21" in records[0].getMessage()


def test_the_switch_skips_exactly_the_named_patches(installs, caplog, monkeypatch):
    monkeypatch.setenv(rasa_speedups.OFF_ENV, " tf_fast_load,rules_first  Shared_Spacy,")
    assert rasa_speedups.apply(serving=True) == tuple(
        n for n in NAMES if n not in {"tf_fast_load", "rules_first", "shared_spacy"})
    assert installs == list(rasa_speedups.installed())
    assert warnings_of(caplog) == []


def test_all_switches_every_patch_off(installs, caplog, monkeypatch):
    monkeypatch.setenv(rasa_speedups.OFF_ENV, "all")
    assert rasa_speedups.apply(serving=True) == () and installs == []
    assert warnings_of(caplog) == []


def test_the_environment_can_be_given(installs):
    assert rasa_speedups.apply(environ={rasa_speedups.OFF_ENV: "event_types"}) == tuple(
        n for n in NAMES if n not in {"event_types", "selector_retrieval_only"})


def test_unknown_names_are_reported_once_with_the_valid_names(installs, caplog, monkeypatch):
    monkeypatch.setenv(rasa_speedups.OFF_ENV, "rules_first, rule_first,nope,nope")
    assert rasa_speedups.apply() == tuple(n for n in NAMES if n not in {"rules_first", "selector_retrieval_only"})
    rasa_speedups.apply(serving=True)
    warnings = warnings_of(caplog)
    assert len(warnings) == 1
    assert "rule_first, nope" in warnings[0] and rasa_speedups.OFF_ENV in warnings[0]
    assert all(name in warnings[0] for name in NAMES)


def test_reading_the_switch():
    assert rasa_speedups.switched_off("") == (frozenset(), [])
    assert rasa_speedups.switched_off("a b,c") == (frozenset(), ["a", "b", "c"])
    assert rasa_speedups.switched_off("ALL, x") == (frozenset(NAMES), ["x"])
    assert rasa_speedups.switched_off("orjson_payload\tevent_types") == (
        frozenset({"orjson_payload", "event_types"}), [])


def test_a_patch_on_internals_of_another_library_version_is_left_out(installs, caplog, monkeypatch):
    versions = {**rasa_speedups.LIBRARY_VERSIONS, "scipy": "1.11.0"}
    monkeypatch.setattr(rasa_speedups, "module_version", versions.get)
    assert "sparse_hstack" not in rasa_speedups.apply()
    assert installs == [n for n in NAMES if n not in {"sparse_hstack", "selector_retrieval_only"}]
    warnings = warnings_of(caplog)
    assert len(warnings) == 1 and "sparse_hstack" in warnings[0] and "scipy 1.11.0" in warnings[0]


def test_the_installed_libraries_are_the_versions_the_patches_were_written_for():
    for module, expected in rasa_speedups.LIBRARY_VERSIONS.items():
        assert rasa_speedups.module_version(module) == expected, module


def test_every_patch_is_named_described_and_explained():
    doc = rasa_speedups.__doc__
    assert len(set(NAMES)) == len(NAMES) == 12 and "all" not in NAMES
    for patch in rasa_speedups.PATCHES:
        assert re.fullmatch(r"[a-z][a-z_]*[a-z]", patch.name), patch.name
        assert patch.description.strip() and "\n" not in patch.description, patch.name
        # The module docstring lists it; its function explains it, starting with its name.
        assert re.search(rf"^- {patch.name}: ", doc, re.MULTILINE), patch.name
        assert (patch.install.__doc__ or "").startswith(f"{patch.name}. "), patch.name
        assert set(patch.libraries) <= set(rasa_speedups.LIBRARY_VERSIONS), patch.name
    assert rasa_speedups.OFF_ENV == "VAE_SPEEDUPS_OFF" and rasa_speedups.OFF_ENV in doc
    assert re.findall(r"^- ([a-z_]+): ", doc, re.MULTILINE) == list(NAMES)  # no name left over, same order
