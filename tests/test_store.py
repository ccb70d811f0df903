"""The store: rows from the Document contract, one transaction per document, idempotent
writes, corpus-wide actors, and migrations that build exactly the declared tables — on
SQLite and on a real PostgreSQL server."""
from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

import lagebild
from lagebild.store import (Provenance, current_revision, document_rows, head_revision, open_engine,
                            write_document)
from lagebild.store import tables as t

VERSION = "lagebild test"


@pytest.fixture(scope="module")
def example(repo):
    text = (repo / "examples" / "wikinews-gdp-schaeuble-2005-12-19.txt").read_text(encoding="utf-8")
    return lagebild.analyze(text, published="2005-12-19")


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("postgres_url")


def _count(engine, table) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_rows_follow_the_document_contract(example):
    rows = document_rows(example, Provenance(input_ref="a.txt", url="https://de.wikinews.org/wiki/X"), VERSION)
    doc_row = rows["documents"][0]
    assert doc_row["key"] == hashlib.sha256(example.text.encode("utf-8")).hexdigest()
    assert doc_row["title"] == example.anatomy.title and doc_row["url"].startswith("https://")
    for mention in rows["actor_mentions"]:
        assert example.text[mention["start"]:mention["end"]] == mention["text"]
    local = {r["local_id"]: r["actor_id"] for r in rows["document_actors"]}
    assert rows["event_actors"], "the example has events with actors"
    for link in rows["event_actors"]:
        assert local[link["local_id"]] == link["actor_id"]
    # ids are deterministic: the same document gives the same event ids, all distinct
    again = document_rows(example, Provenance(), VERSION)
    assert [e["id"] for e in rows["events"]] == [e["id"] for e in again["events"]]
    assert len({e["id"] for e in rows["events"]}) == len(example.events)
    assert all(1 <= e["quad_code"] <= 4 for e in rows["events"])


def test_writing_a_document_twice_adds_nothing(store, example):
    engine = open_engine(store)
    rows = document_rows(example, Provenance(input_ref="a.txt"), VERSION)
    assert write_document(engine, rows) is True
    counts = {name: _count(engine, table) for name, table in t.metadata.tables.items()}
    assert write_document(engine, rows) is False
    assert {name: _count(engine, table) for name, table in t.metadata.tables.items()} == counts
    assert counts["documents"] == 1 and counts["events"] == len(example.events)
    assert counts["actor_mentions"] == sum(len(a.mentions) for a in example.actors)


def test_a_write_that_fails_leaves_no_part_of_the_document(store, example):
    engine = open_engine(store)
    rows = document_rows(example, Provenance(), VERSION)
    rows["event_actors"].append(dict(rows["event_actors"][0]))      # a duplicate key: the last insert fails
    with pytest.raises(IntegrityError):
        write_document(engine, rows)
    for name in ("documents", "entities", "document_actors", "quotes", "events"):
        assert _count(engine, t.metadata.tables[name]) == 0, name


def test_replace_rewrites_the_rows_of_a_document(store, example):
    engine = open_engine(store)
    rows = document_rows(example, Provenance(), "old version")
    rows["events"], rows["event_actors"] = rows["events"][:1], [r for r in rows["event_actors"]
                                                                if r["event_id"] == rows["events"][0]["id"]]
    write_document(engine, rows)
    assert _count(engine, t.events) == 1
    assert write_document(engine, document_rows(example, Provenance(), VERSION), replace=True) is True
    assert _count(engine, t.events) == len(example.events) and _count(engine, t.documents) == 1
    with engine.connect() as conn:
        assert conn.execute(select(t.documents.c.pipeline_version)).scalar_one() == VERSION


def test_an_actor_named_in_two_articles_is_one_corpus_actor(store, example):
    engine = open_engine(store)
    second = lagebild.analyze(example.text + "\n\nWolfgang Schäuble will am Montag nach Brüssel reisen.",
                              published="2005-12-20")
    for doc in (example, second):
        write_document(engine, document_rows(doc, Provenance(), VERSION))
    with engine.connect() as conn:
        ids = conn.execute(select(t.actors.c.id).where(t.actors.c.name == "Wolfgang Schäuble")).scalars().all()
        assert len(ids) == 1
        linked = conn.execute(select(func.count()).select_from(t.document_actors)
                              .where(t.document_actors.c.actor_id == ids[0])).scalar_one()
    assert linked == 2
    assert _count(engine, t.actors) == len({(a.kind, a.country, a.name) for d in (example, second) for a in d.actors})


def test_migrations_build_exactly_the_declared_tables(store):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    engine = open_engine(store)
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), t.metadata) == []


def test_a_store_that_cannot_be_opened_is_one_clear_error(tmp_path):
    from lagebild.store import StoreError
    with pytest.raises(StoreError, match="cannot use the store"):
        open_engine("nosuchdb://somewhere/x")
    with pytest.raises(StoreError, match="cannot open the store .*:\\*\\*\\*@"):
        open_engine("postgresql+psycopg://nobody:secret@127.0.0.1:9/none")
