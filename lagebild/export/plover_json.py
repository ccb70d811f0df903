"""PLOVER event records (the "PLOVER JSON" table of the PLOVER manual), one JSON object
per event, written as JSON Lines as the manual suggests.

Fields, by the manual's names:
  id           the store's event id (unique in the store, stable across reruns)
  date         the event's date, else its document's published date; ISO, and may be
               partial ("2019-02") where the article says no more; null only if both are unknown
  event, mode, context   [type], [mode] or [], the contexts
  quad_code    1-4 from the type
  actor, recipient       lists of entity objects: code (country or PLOVER code, or null),
               sector, entity_text (the actor's canonical name), identifier_id (Wikidata
               Qid or null), identifier_text (the name the Qid stands for, or null), and
               actor_id (the store's corpus-wide actor id, beyond the manual)
  event_loc    Mordecai-style location: extracted_place (the event's place text),
               resolved_place, geonameid, lat, lon, country_code (ISO3); null without a place
  event_text   [the sentence's text]
  text_info    sequence (0-based sentence number), start, end (the sentence's offsets in
               the document text) and trigger {start, end, text}
  cite_info    url, title, publication (the outlet), language, license (not stored: null),
               citation (the document key, which `lagebild` stores the text under)
  coder        the pipeline version that coded it ("lagebild 0.1.0; ..."), coded_date
               the day it was analysed (UTC)
  link         the event cluster id (the manual's "link identifier": a common reference
               across related records; here the reports of one real-world event), or null
Beyond the manual: negated, hypothetical, confidence and document (the document key).

Per cluster (`cluster_record`): the representative event's record, with the cluster's id
as `id` and `link`, `representative_event`, and the GDELT-style counts mentions, articles,
sources, first_seen, last_seen and event_ids.
"""
from __future__ import annotations

from .read import utc


def record(item: dict) -> dict:
    """A PLOVER record from a `read.events` item."""
    doc = item["doc"]
    analysed = utc(doc["analysed_at"])
    return {
        "id": item["id"],
        "date": item["date"] or doc["published"],
        "actor": [entity(x) for x in item["source"]],
        "recipient": [entity(x) for x in item["target"]],
        "event": [item["type"]],
        "mode": [item["mode"]] if item["mode"] else [],
        "context": list(item["contexts"] or []),
        "quad_code": item["quad_code"],
        "event_loc": location(item["place"], item["place_row"]),
        "event_text": [item["sentence_text"]],
        "text_info": {"sequence": item.get("sequence"), "start": item["sentence_start"], "end": item["sentence_end"],
                      "trigger": {"start": item["trigger_start"], "end": item["trigger_end"], "text": item["trigger"]}},
        "cite_info": {"url": doc["url"], "title": doc["title"], "publication": doc["source"],
                      "language": doc["language"], "license": None, "citation": doc["key"]},
        "coder": doc["pipeline_version"],
        "coded_date": analysed.date().isoformat() if analysed else None,
        "negated": bool(item["negated"]),
        "hypothetical": bool(item["hypothetical"]),
        "confidence": item["confidence"],
        "document": item["doc_key"],
        "link": item.get("cluster_id"),
    }


def cluster_record(item: dict) -> dict:
    """A PLOVER record for an event cluster (a `read.clusters` item with sentences)."""
    rec = record(item["representative"])
    rec.update(id=item["id"], link=item["id"], representative_event=item["representative_event"],
               mentions=item["mentions"], articles=item["articles"], sources=item["sources"],
               first_seen=item["first_seen"], last_seen=item["last_seen"], event_ids=list(item["event_ids"]))
    return rec


def entity(actor: dict) -> dict:
    # the canonical name is what the article's mentions were resolved to; with a Qid it
    # is also the name that identifier stands for
    return {"code": actor["country"], "sector": actor["sector"], "entity_text": actor["name"],
            "identifier_id": actor["wikidata"], "identifier_text": actor["name"] if actor["wikidata"] else None,
            "actor_id": actor["actor_id"]}


def location(text, place: dict | None) -> dict | None:
    if not text:
        return None
    place = place or {}     # a place text no gazetteer row was kept for: extracted, not resolved
    return {"extracted_place": text, "resolved_place": place.get("name"), "geonameid": place.get("geonameid"),
            "lat": place.get("lat"), "lon": place.get("lon"), "country_code": place.get("country")}
