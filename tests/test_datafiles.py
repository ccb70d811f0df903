"""The per-machine cache of slow-to-build tables, and the YAML reader."""
import os

from lagebild.datafiles import cached_build, read_yaml


def test_cached_build_reuses_until_a_source_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("LAGEBILD_CACHE", str(tmp_path / "cache"))
    src = tmp_path / "table.csv"
    src.write_text("Moskau,RUS\n", encoding="utf-8")
    calls = []

    def build():
        calls.append(1)
        return {line.split(",")[0]: (line.split(",")[1],) for line in src.read_text("utf-8").split()}

    assert cached_build("t", [src], build) == {"Moskau": ("RUS",)}
    assert cached_build("t", [src], build) == {"Moskau": ("RUS",)}
    assert len(calls) == 1                      # the second answer came from the cache
    src.write_text("Moskau,RUS\nPeking,CHN\n", encoding="utf-8")
    os.utime(src, ns=(1, 1))                    # a new size and mtime: a new key
    assert cached_build("t", [src], build) == {"Moskau": ("RUS",), "Peking": ("CHN",)}
    assert len(calls) == 2
    assert cached_build("t", [src], build, extra=["lib 2.0"])["Peking"] == ("CHN",)
    assert len(calls) == 3                      # another library version: built again


def test_cached_build_survives_an_unwritable_cache(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("LAGEBILD_CACHE", str(blocker / "cache"))   # a folder under a file
    src = tmp_path / "s.txt"
    src.write_text("a")
    assert cached_build("t", [src], lambda: {"a": 1}) == {"a": 1}


def test_cached_gazetteer_equals_a_fresh_build():
    from lagebild.places.gazetteer import Entry, build_gazetteer, gazetteer
    fresh = build_gazetteer()
    g = gazetteer()
    assert len(g) == len(fresh)
    moskau = g["moskau"]
    assert all(isinstance(e, Entry) for e in moskau)
    assert moskau[0].country == "RUS" and moskau[0].kind == "city"
    assert tuple(tuple(e) for e in g["den haag"]) == fresh["den haag"]
    assert "wladiwostok" in g and "xyzzy-stadt" not in g and g.get("xyzzy-stadt") is None


def test_read_yaml(tmp_path):
    f = tmp_path / "t.yaml"
    f.write_text("verben: [sagen, erklären]\nzahl: 3\n", encoding="utf-8")
    assert read_yaml(f) == {"verben": ["sagen", "erklären"], "zahl": 3}
