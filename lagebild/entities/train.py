"""Only `load_head` for `lagebild.entities` (its `_head` imports it from here): the NER
training moved to `lagebild.training.ner.train`, and `load_head` lives in `ner.py`. Drop
this module once `entities/__init__.py` imports `load_head` from `.ner`."""
from .ner import load_head

__all__ = ["load_head"]
