"""The flat tables (CSV, JSON Lines, Parquet): one row per event, quote, actor or
document, with typed columns. The Parquet schema below is also the column order of
every format and tells the CSV writer how to render a cell.

events     id, document, date (the event's own, may be partial), published, type,
           quad_code, mode, contexts, source_/target_ names, countries, sectors and
           actor_ids (parallel lists, a null where an actor has no country or sector),
           place, place_country, lat, lon, negated, hypothetical, confidence, trigger
           and its offsets, sentence (its text) and its offsets, url, outlet, title,
           cluster_id (its event cluster, null where the store has no clusters)
quotes     document, id (the document's local id), type, medium, text, start, end,
           speaker (as written), speaker_actor_id, speaker_name (canonical),
           speaker_country, cue, published, url
actors     id (corpus-wide), name, kind, country, sector, wikidata, and how many
           documents, mentions and events (as source or target) the filters leave it
documents  key, external_id, input_ref, url, outlet, title, published, language,
           pipeline_version, analysed_at, characters, sentences, events, quotes,
           cluster_id (its group of near-copies) and copies (how many documents that has)
clusters   (events per cluster) id, version, type, quad_code, date (the representative's),
           first_seen, last_seen (publication dates), mentions, articles, sources (distinct
           outlets), representative_event, its actors, place, trigger, sentence and
           document, outlets, and event_ids (every member, in date order)

Dates stay ISO strings, `published` too: an event's date may be partial ("2019-02"),
no date type holds that, and one string type for both keeps them comparable (and
`coalesce(date, published)` possible) in any reader. `analysed_at` is a UTC timestamp.
"""
from __future__ import annotations

import pyarrow as pa

_s, _i32, _i64, _f, _b = pa.string(), pa.int32(), pa.int64(), pa.float64(), pa.bool_()
_list = pa.list_(pa.string())

SCHEMAS: dict[str, pa.Schema] = {
    "events": pa.schema([
        ("id", _s), ("document", _s), ("date", _s), ("published", _s), ("type", _s), ("quad_code", _i32),
        ("mode", _s), ("contexts", _list),
        ("source_names", _list), ("source_countries", _list), ("source_sectors", _list),
        ("target_names", _list), ("target_countries", _list), ("target_sectors", _list),
        ("source_actor_ids", _list), ("target_actor_ids", _list),
        ("place", _s), ("place_country", _s), ("lat", _f), ("lon", _f),
        ("negated", _b), ("hypothetical", _b), ("confidence", _f),
        ("trigger", _s), ("trigger_start", _i32), ("trigger_end", _i32),
        ("sentence", _s), ("sentence_start", _i32), ("sentence_end", _i32),
        ("url", _s), ("outlet", _s), ("title", _s), ("cluster_id", _s)]),
    "quotes": pa.schema([
        ("document", _s), ("id", _s), ("type", _s), ("medium", _s), ("text", _s), ("start", _i32), ("end", _i32),
        ("speaker", _s), ("speaker_actor_id", _s), ("speaker_name", _s), ("speaker_country", _s), ("cue", _s),
        ("published", _s), ("url", _s)]),
    "actors": pa.schema([
        ("id", _s), ("name", _s), ("kind", _s), ("country", _s), ("sector", _s), ("wikidata", _s),
        ("documents", _i64), ("mentions", _i64), ("events", _i64)]),
    "documents": pa.schema([
        ("key", _s), ("external_id", _s), ("input_ref", _s), ("url", _s), ("outlet", _s), ("title", _s),
        ("published", _s), ("language", _s), ("pipeline_version", _s),
        ("analysed_at", pa.timestamp("us", tz="UTC")),
        ("characters", _i64), ("sentences", _i64), ("events", _i64), ("quotes", _i64),
        ("cluster_id", _s), ("copies", _i64)]),
    "clusters": pa.schema([
        ("id", _s), ("version", _s), ("type", _s), ("quad_code", _i32), ("date", _s),
        ("first_seen", _s), ("last_seen", _s), ("mentions", _i64), ("articles", _i64), ("sources", _i64),
        ("representative_event", _s),
        ("source_names", _list), ("source_countries", _list), ("source_sectors", _list),
        ("target_names", _list), ("target_countries", _list), ("target_sectors", _list),
        ("source_actor_ids", _list), ("target_actor_ids", _list),
        ("place", _s), ("place_country", _s), ("lat", _f), ("lon", _f),
        ("trigger", _s), ("sentence", _s), ("document", _s), ("url", _s), ("outlet", _s), ("title", _s),
        ("outlets", _list), ("event_ids", _list)]),
}


def event_row(item: dict) -> dict:
    """A flat events row from a `read.events` item."""
    doc, place = item["doc"], item["place_row"] or {}
    row = {"id": item["id"], "document": item["doc_key"], "date": item["date"], "published": doc["published"],
           "type": item["type"], "quad_code": item["quad_code"], "mode": item["mode"],
           "contexts": list(item["contexts"] or [])}
    for role in ("source", "target"):
        actors = item[role]
        row[f"{role}_names"] = [x["name"] for x in actors]
        row[f"{role}_countries"] = [x["country"] for x in actors]
        row[f"{role}_sectors"] = [x["sector"] for x in actors]
    row.update({"source_actor_ids": [x["actor_id"] for x in item["source"]],
                "target_actor_ids": [x["actor_id"] for x in item["target"]],
                "place": item["place"], "place_country": place.get("country"),
                "lat": place.get("lat"), "lon": place.get("lon"),
                "negated": bool(item["negated"]), "hypothetical": bool(item["hypothetical"]),
                "confidence": item["confidence"], "trigger": item["trigger"],
                "trigger_start": item["trigger_start"], "trigger_end": item["trigger_end"],
                "sentence": item["sentence_text"], "sentence_start": item["sentence_start"],
                "sentence_end": item["sentence_end"], "url": doc["url"], "outlet": doc["source"],
                "title": doc["title"], "cluster_id": item.get("cluster_id")})
    return row


_FROM_REPRESENTATIVE = ("source_names", "source_countries", "source_sectors", "target_names", "target_countries",
                        "target_sectors", "source_actor_ids", "target_actor_ids", "place", "place_country", "lat",
                        "lon", "trigger", "sentence", "document", "url", "outlet", "title")


def cluster_row(item: dict) -> dict:
    """A flat clusters row from a `read.clusters` item: the cluster's counts, and the
    representative event's actors, place, sentence and document."""
    row = {name: item[name] for name in ("id", "version", "type", "quad_code", "date", "first_seen", "last_seen",
                                         "mentions", "articles", "sources", "representative_event")}
    head = event_row(item["representative"]) if item.get("representative") else {}
    row.update({name: head.get(name) for name in _FROM_REPRESENTATIVE})
    row.update(outlets=list(item["outlets"]), event_ids=list(item["event_ids"]))
    return row
