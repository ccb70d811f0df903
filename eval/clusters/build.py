"""Build the clustering test set (eval/clusters): near-copies, shortened versions and
rewritten follow-ups of the repository's own articles, among the unrelated ones.

    python eval/clusters/build.py          # writes articles.jsonl and truth.json beside itself

Deterministic (seeded by each file name): the same input files give the same set. The
originals are the in-repository articles (eval/heldout, eval/dev2, eval/dev3, examples);
see README.md for what each kind of variant is and what the truth says.
"""
from __future__ import annotations

import json
import random
import re
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
FOLDERS = ("eval/heldout", "eval/dev2", "eval/dev3", "examples")
ORIGIN = "de.wikinews.org"
OUTLETS = ("Rhein-Kurier", "Nordstadt Nachrichten", "Morgenblatt Online", "Tagesecho", "Abendzeitung West",
           "Allgemeine Rundschau")
AGENCIES = ("dpa", "AFP", "Reuters", "epd", "KNA")
BOILERPLATE = ("Copyright {agency}. Alle Rechte vorbehalten.", "Mehr zum Thema lesen Sie auf unserer Website.",
               "Dieser Artikel wurde automatisch aus dem Agenturdienst übernommen.",
               "Sie haben Hinweise? Schreiben Sie an die Redaktion.")
SECTIONS = ("Ausland", "Politik", "Nachrichten", "Welt", "Aktuell")
# small edits that keep the meaning (and leave names, numbers and dates alone)
SYNONYMS = (("sagte", "erklärte"), ("erklärte", "sagte"), ("jedoch", "allerdings"), ("allerdings", "jedoch"),
            ("bereits", "schon"), ("außerdem", "zudem"), ("zudem", "außerdem"), ("mindestens", "wenigstens"),
            ("Menschen", "Personen"), ("rund", "etwa"), ("etwa", "rund"), ("berichtete", "meldete"),
            ("auch", "ebenfalls"), ("sowie", "und"), ("nun", "jetzt"), ("zunächst", "vorerst"), ("wieder", "erneut"),
            ("erneut", "wieder"), ("derzeit", "zurzeit"), ("Angaben", "Informationen"), ("bisher", "bislang"),
            ("bislang", "bisher"), ("sehr", "äußerst"), ("weiterhin", "weiter"), ("darüber", "hierüber"))
_SENTENCE_END = re.compile(r"(?<=[.!?“])\s+(?=[A-ZÄÖÜ„])")

# Follow-up reports written for this set: other words, the same events (see SAME_EVENTS).
REWRITES = {
    "wn_25328_2006-04-12": {
        "published": 1, "outlet": "Morgenblatt Online",
        "text": "Provenzano nach Jahrzehnten gefasst\n\n"
                "Palermo (AFP) – Italienische Ermittler haben den seit 43 Jahren gesuchten Mafiaboss "
                "Bernardo Provenzano festgenommen. Die Polizei verhaftete den mutmaßlichen Chef der "
                "sizilianischen Cosa Nostra in einem Bauernhaus nahe Corleone. Provenzano galt als "
                "meistgesuchter Verbrecher Italiens.\n",
    },
    "wn_52120_2008-08-13": {
        "published": 0, "outlet": "Tagesecho",
        "text": "Anschlag auf Bus in Tripoli\n\n"
                "Tripoli (Reuters) – Bei einer Bombenexplosion in der nordlibanesischen Stadt Tripoli sind "
                "mindestens 18 Menschen getötet worden. Der Sprengsatz detonierte an einer Bushaltestelle, "
                "als ein Bus mit Soldaten vorbeifuhr. Libanons Präsident Michel Suleiman verurteilte den "
                "Anschlag.\n",
    },
    "wn_50415_2008-05-25": {
        "published": 1, "outlet": "Abendzeitung West",
        "text": "Bemba in Brüssel festgenommen\n\n"
                "Brüssel (dpa) – Die belgische Polizei hat den früheren kongolesischen Vizepräsidenten "
                "Jean-Pierre Bemba festgenommen. Der Internationale Strafgerichtshof wirft ihm Kriegsverbrechen "
                "in der Zentralafrikanischen Republik vor. Bemba soll nach Den Haag überstellt werden.\n",
    },
}


# Annotated by hand: the mentions (article, type, trigger) that report one real event, in the
# three articles that have a rewrite and in their rewrites (every other mention of these
# articles is an event of its own). lagebild.clusters.evaluate warns where the pipeline no
# longer extracts a listed mention.
SAME_EVENTS = [
    # the arrest of Provenzano on 2006-04-11: the title, the report, the rewrite's two sentences
    [["wn_25328_2006-04-12", "COERCE", "verhaftet"], ["wn_25328_2006-04-12", "COERCE", "verhaften"],
     ["wn_25328_2006-04-12.rewrite", "COERCE", "verhaftete"], ["wn_25328_2006-04-12.rewrite", "COERCE", "festgenommen"]],
    # the bombing in Tripoli: the title and the report (the rewrite's bombing is not extracted)
    [["wn_52120_2008-08-13", "ASSAULT", "Bombenanschlag"], ["wn_52120_2008-08-13", "ASSAULT", "getötet"]],
    # Bemba's arrest in Belgium, and the court's charges against him
    [["wn_50415_2008-05-25", "COERCE", "verhaftet"], ["wn_50415_2008-05-25.rewrite", "COERCE", "festgenommen"]],
    [["wn_50415_2008-05-25", "ACCUSE", "vorgeworfen"], ["wn_50415_2008-05-25.rewrite", "ACCUSE", "wirft"]],
]


def originals() -> list[tuple[str, str, str]]:
    """(name, published, text) of every in-repository article, sorted by name."""
    found = []
    for folder in FOLDERS:
        for path in sorted((REPO / folder).glob("*.txt")):
            match = re.search(r"(\d{4}-\d{2}-\d{2})", path.stem)
            found.append((path.stem, match.group(1), path.read_text(encoding="utf-8")))
    return sorted(found)


def _shift(published: str, days: int) -> str:
    return (date.fromisoformat(published) + timedelta(days=days)).isoformat()


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.strip().split("\n\n") if p.strip()]


def copy_variant(name: str, text: str, rng: random.Random) -> tuple[str, dict]:
    """The same article under another outlet: only a credit line at the end differs."""
    outlet = rng.choice(OUTLETS)
    return text.rstrip("\n") + f"\n\n© {outlet}\n", {"outlet": outlet, "edits": ["credit line appended"]}


def agency_variant(name: str, text: str, rng: random.Random) -> tuple[str, dict]:
    """An agency story as an outlet prints it: another first line, an agency tag before
    the lead, one sentence dropped, a few words changed, two paragraphs swapped, a
    boilerplate line added."""
    outlet, agency = rng.choice(OUTLETS), rng.choice(AGENCIES)
    paragraphs = _paragraphs(text)
    title, body = paragraphs[0], paragraphs[1:]
    edits = []
    paragraphs = [f"{rng.choice(SECTIONS)}: {title}"]
    edits.append("section before the title")
    body[0] = f"({agency}) – {body[0]}"
    edits.append(f"agency tag ({agency}) before the lead")
    droppable = [(i, j) for i, p in enumerate(body) for j, _ in enumerate(_SENTENCE_END.split(p))
                 if (i > 0 or j > 0) and len(_SENTENCE_END.split(p)) > 1]
    if droppable:
        i, j = rng.choice(droppable)
        sentences = _SENTENCE_END.split(body[i])
        dropped = sentences.pop(j)
        body[i] = " ".join(sentences)
        edits.append(f"sentence dropped: {dropped[:60]}")
    changed = 0
    for old, new in rng.sample(SYNONYMS, len(SYNONYMS)):
        pattern = re.compile(rf"\b{re.escape(old)}\b")
        spots = [(i, m.start()) for i, p in enumerate(body) for m in pattern.finditer(p)]
        if not spots or changed >= 3:
            continue
        i, start = rng.choice(spots)
        body[i] = body[i][:start] + new + body[i][start + len(old):]
        edits.append(f"word changed: {old} → {new}")
        changed += 1
    if len(body) >= 3:
        i = rng.randrange(1, len(body) - 1)
        body[i], body[i + 1] = body[i + 1], body[i]
        edits.append(f"paragraphs {i + 1} and {i + 2} of the body swapped")
    line = rng.choice(BOILERPLATE).format(agency=agency)
    edits.append(f"boilerplate: {line}")
    return "\n\n".join(paragraphs + body + [line]) + "\n", {"outlet": outlet, "edits": edits}


def trimmed_variant(name: str, text: str, rng: random.Random) -> tuple[str, dict]:
    """A short version: the title and the first two paragraphs, a day later."""
    outlet = rng.choice(OUTLETS)
    paragraphs = _paragraphs(text)
    return "\n\n".join(paragraphs[:3]) + "\n", {"outlet": outlet, "edits": ["title and first two paragraphs only"]}


def build() -> tuple[list[dict], dict]:
    articles, truth = [], {"near_copies": [], "derived": [], "rewrites": [], "same_events": SAME_EVENTS}
    for n, (name, published, text) in enumerate(originals()):
        rng = random.Random(name)
        articles.append({"id": name, "source": ORIGIN, "published": published, "text": text})
        group = [name]
        kinds = [("copy", copy_variant, 0)]
        if n % 2 == 0:
            kinds.append(("agency", agency_variant, rng.choice((0, 1))))
        if n % 4 == 1 and len(_paragraphs(text)) >= 5:
            kinds.append(("trimmed", trimmed_variant, 1))
        for kind, make, days in kinds:
            variant, info = make(name, text, rng)
            vid = f"{name}.{kind}"
            articles.append({"id": vid, "source": info["outlet"], "published": _shift(published, days), "text": variant})
            truth["derived"].append({"id": vid, "from": name, "kind": kind, "edits": info["edits"]})
            if kind != "trimmed":
                group.append(vid)
        truth["near_copies"].append(group)
        if name in REWRITES:
            spec = REWRITES[name]
            vid = f"{name}.rewrite"
            articles.append({"id": vid, "source": spec["outlet"], "published": _shift(published, spec["published"]),
                             "text": spec["text"]})
            truth["rewrites"].append({"id": vid, "from": name})
            truth["near_copies"].append([vid])
    return articles, truth


def main() -> None:
    articles, truth = build()
    with open(HERE / "articles.jsonl", "w", encoding="utf-8") as fh:
        for article in articles:
            fh.write(json.dumps(article, ensure_ascii=False) + "\n")
    truth["rule"] = ("documents: the groups in near_copies are near-copies of each other, every other pair is not "
                     "(a trimmed or rewritten version is another report). Events: a mention in a derived document "
                     "and one in its original are the same real event when they have the same type, the same "
                     "trigger text and the same sentence (whitespace-normalised; an edited sentence: word Jaccard "
                     ">= 0.5), one to one; and the mentions of each group in same_events (annotated by hand) are one "
                     "event. Every other pair of mentions is two events.")
    (HERE / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(articles)} articles, {sum(len(g) > 1 for g in truth['near_copies'])} groups of near-copies")


if __name__ == "__main__":
    main()
