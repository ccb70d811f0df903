"""Self-training data: German news sentences without NER annotation (the Wikinews articles
of GermEval 2023 SpkAtt, one JSON file per article with tokenised sentences), tagged by
the shipped NER model (the teacher: fp32, the files in the package when training starts).
Only sentences that the teacher tags confidently are kept: every word's best tag has a
probability of at least `min_prob`, and that have a name (most sentences are tagged
confidently; those without names teach little). They train as fully annotated sentences
(all four types).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

from .germeval import Sentence, detokenize


def news_sentences(folder: Path | str, min_words: int = 5) -> list[str]:
    """The sentences of every article in a SpkAtt folder, in file order."""
    out = []
    for f in sorted(Path(folder).glob("*.json")):
        for s in json.loads(f.read_text(encoding="utf-8"))["Sentences"]:
            if len(s["Tokens"]) >= min_words:
                out.append(detokenize(s["Tokens"])[0])
    return out


def read_pseudo(folder: Path | str, limit: Optional[int] = None, min_prob: float = 0.95,
                teacher=None) -> list[Sentence]:
    """Confidently teacher-tagged sentences with a name of a SpkAtt folder (at most `limit`, in file order)."""
    import torch
    from ..encoder import Encoder
    from .ner import decode, words
    from .train import load_head
    enc = teacher[0] if teacher else Encoder()
    head = teacher[1] if teacher else load_head()
    texts = news_sentences(folder)
    out: list[Sentence] = []
    for i, e in enumerate(enc.encode(texts)):
        if not e.ids:
            continue
        with torch.inference_mode():
            probs = head(e.states).softmax(-1)
        groups = words(texts[i], e.starts, e.ends)
        if not groups or float(probs[[g[0] for g in groups]].max(-1).values.min()) < min_prob:
            continue
        spans = [(s.start, s.end, s.label) for s in decode(texts[i], e.starts, e.ends, probs)]
        if not spans:
            continue
        out.append(Sentence(texts[i], spans, f"{Path(folder).name}:{i}"))
        if limit and len(out) >= limit:
            break
    return out
