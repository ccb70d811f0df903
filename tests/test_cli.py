"""The command line: JSON and text output, one-line errors with non-zero exit codes."""
import json
import subprocess
import sys

import pytest

ARTICLE = ("Regierung beschließt Hilfspaket\n\nDie Bundesregierung hat am Mittwoch ein Hilfspaket für "
           "Landwirte beschlossen. Der Bauernverband begrüßte die Entscheidung.\n")


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "lagebild.cli", *args], input=stdin,
                          capture_output=True, timeout=300)


def test_json_output_of_a_file(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, "utf-8")
    out = run("analyze", str(p), "--published", "2024-03-06", "--format", "json")
    assert out.returncode == 0, out.stderr
    d = json.loads(out.stdout)
    assert d["anatomy"]["title"] == "Regierung beschließt Hilfspaket" and d["published"] == "2024-03-06"


def test_stdin_and_text_format():
    out = run("analyze", "-", "--format", "text", stdin=ARTICLE.encode("cp1252"))
    assert out.returncode == 0, out.stderr
    assert b"Title:     Regierung beschlie" in out.stdout


@pytest.mark.parametrize("content, words", [
    (b"", b"empty"),
    (b"\x00\x01\x02\x03" * 100, b"binary"),
], ids=["empty", "binary"])
def test_bad_files_give_one_line_errors(tmp_path, content, words):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    out = run("analyze", str(p))
    assert out.returncode == 1 and out.stdout == b""
    assert words in out.stderr and out.stderr.count(b"\n") == 1


def test_missing_file_and_bad_date(tmp_path):
    out = run("analyze", str(tmp_path / "nope.txt"))
    assert out.returncode == 1 and b"no such file" in out.stderr
    out = run("analyze", str(tmp_path / "nope.txt"), "--published", "25.04.2019")
    assert out.returncode == 2 and b"YYYY-MM-DD" in out.stderr


def test_many_paths_give_json_lines_and_skip_bad_ones(tmp_path):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(ARTICLE, "utf-8")
    bad.write_bytes(b"")
    out = run("analyze", str(good), str(bad), str(good))
    assert out.returncode == 0
    lines = out.stdout.decode().splitlines()
    assert len(lines) == 2 and all(json.loads(l)["text"] == ARTICLE for l in lines)
    assert b"bad.txt" in out.stderr
