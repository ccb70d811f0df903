"""Near-copies of documents: an agency story printed by many outlets with small edits.

Each document's text becomes a set of word shingles (`shingle_words` consecutive
lower-cased words, punctuation dropped), summarised by a datasketch MinHash (stored in
`document_signatures`). An LSH index finds candidate pairs, and a pair whose estimated
Jaccard similarity reaches `min_similarity` are near-copies. Near-copies are grouped by
union-find (a copy of a copy is in the group too) into `document_clusters`: one row per
document with its cluster id, whether it is the representative (the earliest published,
then the smallest key; the cluster id is the representative's key) and its estimated
Jaccard to the representative. Every document has a row; one without copies is alone in
its cluster.

`cluster_documents(engine, keys)` adds new documents: only they are signed and matched
(an in-memory LSH of the new signatures, against which the stored ones are streamed
chunk by chunk), and they join, or merge, existing clusters. Because a pair is found by
the same banding test in either direction, adding documents one run at a time gives the
same groups as clustering all at once. `keys=None` rebuilds every group.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Optional

import numpy as np
from datasketch import MinHash, MinHashLSH
from sqlalchemy import case, delete, func, insert, select
from sqlalchemy.engine import Connection, Engine

from ..store import tables as t
from .parameters import documents_version, parameters

d, sig, dc = t.documents, t.document_signatures, t.document_clusters

_WORD = re.compile(r"\w+")


@dataclass
class DocumentSummary:
    signed: int = 0             # signatures computed
    clustered: int = 0          # documents (re)assigned to a cluster
    changed: set[str] = field(default_factory=set)     # documents whose cluster id is new or changed

    def describe(self) -> str:
        return f"{self.signed:,} documents signed, {self.clustered:,} placed in document clusters"


# --- signatures ---------------------------------------------------------------------

def words(text: str) -> list[str]:
    """The text's words, lower-cased, without punctuation (Unicode-aware, any language)."""
    return _WORD.findall(text.lower())


def shingles(text: str, size: Optional[int] = None) -> set[str]:
    """The distinct runs of `size` consecutive words; a text shorter than that is one
    shingle, an empty one none."""
    size = size or parameters()["documents"]["shingle_words"]
    w = words(text)
    if len(w) <= size:
        return {" ".join(w)} if w else set()
    return {" ".join(w[i:i + size]) for i in range(len(w) - size + 1)}


_TEMPLATE: dict = {}


def _template() -> MinHash:
    """An empty MinHash of the configured parameters, whose permutations are reused."""
    p = parameters()["documents"]
    key = (p["num_perm"], p["seed"], p["scheme"])
    if key not in _TEMPLATE:
        _TEMPLATE[key] = MinHash(num_perm=p["num_perm"], seed=p["seed"], scheme=p["scheme"])
    return _TEMPLATE[key]


def signature(text: str) -> tuple[MinHash, int]:
    """The text's MinHash and how many distinct shingles went into it."""
    template = _template()
    found = shingles(text)
    minhash = MinHash(seed=template.seed, permutations=template.permutations, scheme=template.scheme,
                      num_perm=template.num_perm)
    if found:
        minhash.update_batch([s.encode("utf-8") for s in sorted(found)])
    return minhash, len(found)


def to_bytes(minhash: MinHash) -> bytes:
    """The signature as stored: its hash values as little-endian uint64."""
    return minhash.hashvalues.astype("<u8").tobytes()


def from_bytes(blob: bytes) -> MinHash:
    template = _template()
    return MinHash(seed=template.seed, hashvalues=np.frombuffer(blob, dtype="<u8"),
                   permutations=template.permutations, scheme=template.scheme)


def similarity(a: MinHash, b: MinHash) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(a.jaccard(b))


# --- clustering ---------------------------------------------------------------------

class UnionFind:
    """Disjoint sets of hashable items."""

    def __init__(self) -> None:
        self.parent: dict = {}

    def add(self, x) -> None:
        self.parent.setdefault(x, x)

    def find(self, x):
        self.add(x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb, key=repr)] = min(ra, rb, key=repr)

    def groups(self) -> list[list]:
        found: dict = {}
        for x in self.parent:
            found.setdefault(self.find(x), []).append(x)
        return list(found.values())


def cluster_documents(engine: Engine, keys: Optional[Iterable[str]] = None) -> DocumentSummary:
    """Sign and cluster new documents (`keys`, and any other document not clustered yet);
    `keys=None`: every document, from scratch (valid signatures are kept)."""
    summary = DocumentSummary()
    version = documents_version()
    with engine.begin() as conn:
        stale = conn.execute(select(func.count()).select_from(sig).where(sig.c.version != version)).scalar_one()
        if keys is None or stale:
            conn.execute(delete(dc))
            conn.execute(delete(sig).where(sig.c.version != version))
        else:
            _dissolve_headless(conn)
    summary.signed = _sign_missing(engine, version)
    with engine.begin() as conn:
        new = set(conn.execute(select(d.c.key).outerjoin(dc, dc.c.doc_key == d.c.key)
                               .where(dc.c.doc_key.is_(None))).scalars())
        if new:
            _cluster_new(conn, new, summary)
    return summary


def _dissolve_headless(conn: Connection) -> None:
    """Clusters whose representative is gone (a replaced document is written again
    without its cluster row) are dissolved: their members are clustered again."""
    has_head = func.sum(case((dc.c.representative, 1), else_=0))
    headless = select(dc.c.cluster_id).group_by(dc.c.cluster_id).having(has_head == 0)
    conn.execute(delete(dc).where(dc.c.cluster_id.in_(headless.scalar_subquery())))


def _sign_missing(engine: Engine, version: str) -> int:
    """Compute and store the signature of every document that has none, chunk by chunk."""
    size = parameters()["documents"]["chunk"]
    n = 0
    while True:
        with engine.begin() as conn:
            rows = conn.execute(select(d.c.key, d.c.text).outerjoin(sig, sig.c.doc_key == d.c.key)
                                .where(sig.c.doc_key.is_(None)).order_by(d.c.key).limit(size)).all()
            if not rows:
                return n
            values = []
            for key, text in rows:
                minhash, count = signature(text)
                values.append({"doc_key": key, "minhash": to_bytes(minhash), "shingles": count, "version": version})
            conn.execute(insert(sig), values)
            n += len(values)


def _signatures(conn: Connection, keys: Iterable[str]) -> dict[str, tuple[MinHash, int]]:
    keys = sorted(set(keys))
    found = {}
    for i in range(0, len(keys), 500):
        for key, blob, count in conn.execute(select(sig.c.doc_key, sig.c.minhash, sig.c.shingles)
                                             .where(sig.c.doc_key.in_(keys[i:i + 500]))):
            found[key] = (from_bytes(blob), count)
    return found


def _stored(conn: Connection, exclude: set[str]) -> Iterator[tuple[str, MinHash]]:
    """Every stored, non-empty signature but those of `exclude`, read a chunk at a time."""
    size = parameters()["documents"]["chunk"]
    last = None
    while True:
        query = select(sig.c.doc_key, sig.c.minhash).where(sig.c.shingles > 0).order_by(sig.c.doc_key).limit(size)
        if last is not None:
            query = query.where(sig.c.doc_key > last)
        rows = conn.execute(query).all()
        if not rows:
            return
        for key, blob in rows:
            if key not in exclude:
                yield key, from_bytes(blob)
        last = rows[-1][0]


def _cluster_new(conn: Connection, new: set[str], summary: DocumentSummary) -> None:
    p = parameters()["documents"]
    signatures = _signatures(conn, new)
    lsh = MinHashLSH(threshold=p["lsh_threshold"], num_perm=p["num_perm"])
    with lsh.insertion_session() as session:
        for key in sorted(new):
            minhash, count = signatures[key]
            if count:
                session.insert(key, minhash, check_duplication=False)
    uf = UnionFind()
    for key in new:
        uf.add(("doc", key))
    # new × new
    for key in sorted(new):
        minhash, count = signatures[key]
        if not count:
            continue
        for other in lsh.query(minhash):
            if other != key and similarity(minhash, signatures[other][0]) >= p["min_similarity"]:
                uf.union(("doc", key), ("doc", other))
    # stored × new: the same banding test, run from the stored side
    linked_old: dict[str, list[str]] = {}
    for key, minhash in _stored(conn, new):
        for other in lsh.query(minhash):
            if similarity(minhash, signatures[other][0]) >= p["min_similarity"]:
                linked_old.setdefault(key, []).append(other)
    if linked_old:
        old_cluster = _cluster_ids(conn, linked_old)
        for key, others in linked_old.items():
            for other in others:
                uf.union(("doc", other), ("cluster", old_cluster[key]))
    for group in uf.groups():
        docs = {x for kind, x in group if kind == "doc"}
        if docs:
            _write_group(conn, docs, {x for kind, x in group if kind == "cluster"}, summary)


def _cluster_ids(conn: Connection, keys: Iterable[str]) -> dict[str, str]:
    keys = sorted(set(keys))
    found = {}
    for i in range(0, len(keys), 500):
        found.update(conn.execute(select(dc.c.doc_key, dc.c.cluster_id).where(dc.c.doc_key.in_(keys[i:i + 500]))).all())
    return found


def _write_group(conn: Connection, new: set[str], clusters: set[str], summary: DocumentSummary) -> None:
    """One component: new documents and the stored clusters they join (and so merge)."""
    members = dict.fromkeys(new)
    old_ids = {}
    if clusters:
        for key, cluster_id in conn.execute(select(dc.c.doc_key, dc.c.cluster_id)
                                            .where(dc.c.cluster_id.in_(sorted(clusters)))):
            members[key] = None
            old_ids[key] = cluster_id
    published = {}
    keys = sorted(members)
    for i in range(0, len(keys), 500):
        published.update(conn.execute(select(d.c.key, d.c.published).where(d.c.key.in_(keys[i:i + 500]))).all())
    head = min(keys, key=lambda k: (published.get(k) is None, published.get(k) or "", k))
    signatures = _signatures(conn, keys)
    head_sig = signatures[head][0]
    rows = []
    for key in keys:
        sim = 1.0 if key == head else round(similarity(signatures[key][0], head_sig), 4)
        rows.append({"doc_key": key, "cluster_id": head, "representative": key == head, "similarity": sim})
        if old_ids.get(key) != head:
            summary.changed.add(key)
    if clusters:
        conn.execute(delete(dc).where(dc.c.cluster_id.in_(sorted(clusters))))
    conn.execute(insert(dc), rows)
    summary.clustered += len(rows)


def document_groups(engine: Engine) -> list[set[str]]:
    """The stored document clusters as sets of keys (for tests and the evaluation)."""
    groups: dict[str, set[str]] = {}
    with engine.connect() as conn:
        for key, cluster_id in conn.execute(select(dc.c.doc_key, dc.c.cluster_id)):
            groups.setdefault(cluster_id, set()).add(key)
    return list(groups.values())
