"""Self-training data: German news sentences without NER annotation (the Wikinews articles
of GermEval 2023 SpkAtt, one JSON file per article with tokenised sentences), tagged by a
NER model (the teacher). Only sentences that the teacher tags confidently are kept: every
word's best tag has a probability of at least `min_prob`, and there is a name (most
sentences are tagged confidently; those without names teach little). They train as fully
annotated sentences (all four types).

The teacher's labels are kept in a small file beside this module (`labels`: article file,
sentence id, entity spans; not the text), so that retraining reproduces the training data
whatever model is installed; without that file the installed model labels the sentences
(fp32) and the file is written, which starts a new round of self-training.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator, Optional

from .germeval import Sentence, detokenize

MIN_WORDS = 5


def news_sentences(folder: Path | str) -> Iterator[tuple[str, str]]:
    """(source "article file#sentence id", text) of every sentence of MIN_WORDS tokens or more
    in a SpkAtt folder, in file order."""
    for f in sorted(Path(folder).glob("*.json")):
        for s in json.loads(f.read_text(encoding="utf-8"))["Sentences"]:
            if len(s["Tokens"]) >= MIN_WORDS:
                yield f"{f.name}#{s['SentenceId']}", detokenize(s["Tokens"])[0]


def label_news(folder: Path | str, limit: Optional[int] = None, min_prob: float = 0.95,
               teacher=None) -> list[Sentence]:
    """Confidently teacher-tagged sentences with a name (at most `limit`, in file order);
    teacher: (Encoder, NerHead), by default the installed model in fp32."""
    import torch
    from ...encoder import Encoder
    from ...entities.ner import decode, load_head, words
    enc = teacher[0] if teacher else Encoder()
    head = teacher[1] if teacher else load_head()
    sources, texts = [], []
    for source, text in news_sentences(folder):
        sources.append(source); texts.append(text)
    out: list[Sentence] = []
    for source, text, e in zip(sources, texts, enc.encode(texts)):
        if not e.ids:
            continue
        with torch.inference_mode():
            probs = head(e.states).softmax(-1)
        groups = words(text, e.starts, e.ends)
        if not groups or float(probs[[g[0] for g in groups]].max(-1).values.min()) < min_prob:
            continue
        spans = [(s.start, s.end, s.label) for s in decode(text, e.starts, e.ends, probs)]
        if spans:
            out.append(Sentence(text, spans, source))
            if limit and len(out) >= limit:
                break
    return out


def write_labels(sentences: list[Sentence], path: Path | str) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for s in sentences:
            fh.write(json.dumps({"source": s.source, "entities": [list(x) for x in s.entities]},
                                ensure_ascii=False) + "\n")


def read_pseudo(folder: Path | str, labels: Optional[Path | str] = None, limit: Optional[int] = None,
                min_prob: float = 0.95) -> list[Sentence]:
    """The self-training sentences: the texts from `folder`, the labels from `labels` when
    that file exists (else labelled now by the installed model and written there)."""
    if labels is None or not Path(labels).exists():
        out = label_news(folder, limit, min_prob)
        if labels is not None:
            write_labels(out, labels)
        return out
    texts = dict(news_sentences(folder))
    out = []
    with open(labels, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row["source"] not in texts:
                raise ValueError(f"{labels}: {row['source']} is not a sentence of {folder}")
            out.append(Sentence(texts[row["source"]], [tuple(x) for x in row["entities"]], row["source"]))
    return out[:limit] if limit else out
