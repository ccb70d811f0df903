"""The PLOVER ontology's fixed tables (plover.yaml): quad categories of the event types.

Shared by the store (a filterable column) and the exports (`quad_code`); the events
stage codes the types themselves.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Optional

from .datafiles import read_yaml


@cache
def _tables() -> dict:
    return read_yaml(Path(__file__).with_name("plover.yaml"))


def event_types() -> list[str]:
    return list(_tables()["quad_category"])


def quad_category(event_type: str) -> Optional[str]:
    """'verbal_cooperation', 'material_cooperation', 'verbal_conflict' or 'material_conflict'."""
    return _tables()["quad_category"].get(event_type)


def quad_code(event_type: str) -> Optional[int]:
    """PLOVER's quad_code (1 to 4) of an event type, None for an unknown type."""
    category = quad_category(event_type)
    return _tables()["quad_codes"][category] if category else None
