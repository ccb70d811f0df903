"""The article view's marks: overlapping spans cut into pieces that carry every item
covering them, drawn from the offsets of a real analysed article."""
from __future__ import annotations

import re
from html import unescape

import pytest

import lagebild
from lagebild.web.marks import marks_of, pieces, render


@pytest.fixture(scope="module")
def doc(repo) -> dict:
    text = (repo / "examples" / "wikinews-gdp-schaeuble-2005-12-19.txt").read_text(encoding="utf-8")
    return lagebild.analyze(text, published="2005-12-19").to_dict()


def test_the_pieces_cover_the_text_exactly_once(doc):
    cut = list(pieces(doc["text"], marks_of(doc)))
    assert "".join(doc["text"][p.start:p.end] for p in cut) == doc["text"]
    assert all(p.start < p.end for p in cut)


def test_every_piece_carries_exactly_the_marks_that_cover_it(doc):
    marks = marks_of(doc)
    for piece in pieces(doc["text"], marks):
        covering = {id(m) for m in marks if m.start <= piece.start and piece.end <= m.end}
        assert {id(m) for m in piece.marks} == covering


def test_overlaps_are_kept(doc):
    # an actor mention inside a quote is marked as both
    both = [p for p in pieces(doc["text"], marks_of(doc)) if {"actor", "quote"} <= {m.layer for m in p.marks}]
    assert both


def test_the_html_shows_the_text_and_names_the_event_actors(doc):
    html, details = render(doc)
    assert unescape(re.sub(r"<[^>]+>", "", html)) == doc["text"]
    event = doc["events"][0]
    names = {a["id"]: a["name"] for a in doc["actors"]}
    assert details[event["id"]]["source"] == [names[a] for a in event["source"]]
    assert f'data-marks="' in html and "<script" not in html


def test_text_that_looks_like_html_is_escaped():
    doc = {"text": "Er sagte: <script>alert(1)</script> & mehr.",
           "entities": [{"start": 10, "end": 18, "text": "<script>", "label": "MISC"}]}
    html, _ = render(doc)
    assert "<script>" not in html and "&lt;script&gt;" in html
