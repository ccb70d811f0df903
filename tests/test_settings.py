"""Settings in one place: defaults, a TOML file, environment variables, command-line flags."""
from __future__ import annotations

import pytest

from lagebild import settings as config


@pytest.fixture(autouse=True)
def _clean(monkeypatch, tmp_path):
    for var in (*config.ENVIRONMENT.values(), "LAGEBILD_CONFIG", "LAGEBILD_INT8"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)          # no lagebild.toml / pyproject.toml of the checkout
    monkeypatch.setenv("HOME", str(tmp_path))
    config.clear_overrides()
    yield
    config.clear_overrides()


def test_defaults():
    s = config.settings()
    assert (s.precision, s.quote_tagger, s.event_classifier, s.actors) == ("auto", False, False, ())
    assert s.cache_dir == (config.Path.home() / ".cache" / "lagebild")


def test_file_then_environment_then_command_line(tmp_path, monkeypatch):
    (tmp_path / "lagebild.toml").write_text('precision = "int8"\nquote_tagger = true\nthreads = 1\n')
    s = config.settings()
    assert (s.precision, s.quote_tagger, s.threads) == ("int8", True, 1)
    monkeypatch.setenv("LAGEBILD_PRECISION", "fp32")
    monkeypatch.setenv("LAGEBILD_QUOTE_TAGGER", "0")
    assert (config.settings().precision, config.settings().quote_tagger) == ("fp32", False)
    config.override(precision="bf16")
    assert config.settings().precision == "bf16"
    sources = config.sources()
    assert sources["precision"] == ("bf16", "command line")
    assert sources["threads"] == (1, str(config.Path("lagebild.toml")))


def test_pyproject_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.lagebild]\nevent_classifier = true\n')
    assert config.settings().event_classifier is True


def test_bad_values_are_clear_errors(tmp_path, monkeypatch):
    monkeypatch.setenv("LAGEBILD_PRECISION", "fp64")
    with pytest.raises(config.SettingsError, match="LAGEBILD_PRECISION: 'fp64' is no valid value for precision"):
        config.settings()
    monkeypatch.delenv("LAGEBILD_PRECISION")
    (tmp_path / "lagebild.toml").write_text('precison = "fp32"\n')
    with pytest.raises(config.SettingsError, match="unknown settings precison"):
        config.settings()


def test_old_int8_switch_and_actor_files(monkeypatch, tmp_path):
    import os
    monkeypatch.setenv("LAGEBILD_INT8", "1")
    monkeypatch.setenv("LAGEBILD_ACTORS", os.pathsep.join(["a.tsv", "b.tsv"]))
    s = config.settings()
    assert s.precision == "int8" and s.actors == ("a.tsv", "b.tsv")


def test_the_stages_read_the_settings(monkeypatch):
    from lagebild.encoder.encoder import default_precision
    from lagebild.events.classifier import HEAD_PATH, enabled
    monkeypatch.setenv("LAGEBILD_PRECISION", "int8")
    assert default_precision() == "int8"
    assert enabled() is False
    monkeypatch.setenv("LAGEBILD_EVENT_CLASSIFIER", "1")
    assert enabled() is HEAD_PATH.exists()


def test_config_command_prints_values_and_sources(capsys, monkeypatch):
    from lagebild.cli import main
    monkeypatch.setenv("LAGEBILD_QUOTE_TAGGER", "1")
    assert main(["config"]) == 0
    out = capsys.readouterr().out
    assert "quote_tagger" in out and "True" in out and "(LAGEBILD_QUOTE_TAGGER" in out
    monkeypatch.setenv("LAGEBILD_THREADS", "many")
    assert main(["config"]) == 1
    assert "LAGEBILD_THREADS" in capsys.readouterr().err


def test_a_broken_pyproject_of_another_project_is_no_configuration(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project\nname = 'x'\n")
    assert config.config_file() is None and config.settings().precision == "auto"


def test_a_missing_config_file_and_yes_no_values(tmp_path, monkeypatch):
    monkeypatch.setenv("LAGEBILD_CONFIG", str(tmp_path / "nowhere.toml"))
    with pytest.raises(config.SettingsError, match="no such file"):
        config.settings()
    monkeypatch.delenv("LAGEBILD_CONFIG")
    monkeypatch.setenv("LAGEBILD_QUOTE_TAGGER", "yes")
    assert config.settings().quote_tagger is True
    monkeypatch.setenv("LAGEBILD_QUOTE_TAGGER", "maybe")
    with pytest.raises(config.SettingsError, match="quote_tagger"):
        config.settings()


def test_a_bad_setting_stops_the_pipeline_before_any_document(monkeypatch):
    from lagebild.pipeline import Pipeline
    monkeypatch.setenv("LAGEBILD_THREADS", "many")
    with pytest.raises(config.SettingsError, match="LAGEBILD_THREADS"):
        Pipeline(until="sentences")
