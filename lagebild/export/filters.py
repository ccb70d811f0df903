"""The export filters: checked once, before anything is written, then turned into SQL
conditions for each kind of row.

- `date_from`, `date_to` (ISO `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, both inclusive): an
  event by its own date, or its document's `published` where it has none; quotes and
  documents by `published`; actors by the documents that mention them. Dates on either
  side may be partial, so a date is a period and two dates compare at the shorter
  precision: an event dated "2019" is inside 2019-02..2019-03, "2019-02-20" is inside
  ..2019-02. Rows with no date at all are left out once a date filter is given.
- `event_type` (a PLOVER type): events of that type; quotes in which one was coded;
  documents with one; actors that are source or target of one.
- `country` (ISO 3166 alpha-3, or a PLOVER code such as IGO): events whose source or
  target actor has it; quotes whose speaker has it; actors of it; documents with such
  an actor.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Optional

from sqlalchemy import and_, func, select

from ..errors import LagebildError
from ..plover import event_types
from ..store.queries import date_conditions
from ..store import tables as t


class ExportError(LagebildError):
    """An export that cannot be made: an unknown format or table, a bad filter, an
    output that cannot take the format."""


_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_COUNTRY = re.compile(r"^[A-Za-z]{3}$")


@dataclass(frozen=True)
class Filters:
    date_from: Optional[str] = None
    date_to: Optional[str] = None
    event_type: Optional[str] = None
    country: Optional[str] = None

    # -- SQL conditions, one list per kind of row (empty: no filter) --

    def events(self) -> list:
        e, d = t.events, t.documents
        conds = self._dates(func.coalesce(e.c.date, d.c.published))
        if self.event_type:
            conds.append(e.c.type == self.event_type)
        if self.country:
            ea, da = t.event_actors, t.document_actors
            conds.append(select(ea.c.event_id)
                         .join(da, and_(da.c.doc_key == ea.c.doc_key, da.c.local_id == ea.c.local_id))
                         .where(ea.c.event_id == e.c.id, da.c.country == self.country).exists())
        return conds

    def quotes(self) -> list:
        """Per quote (the reader pages the documents by `published()` first)."""
        q, da, e = t.quotes, t.document_actors, t.events
        conds = []
        if self.event_type:
            conds.append(select(e.c.id).where(e.c.doc_key == q.c.doc_key, e.c.quote_local_id == q.c.local_id,
                                              e.c.type == self.event_type).exists())
        if self.country:
            conds.append(da.c.country == self.country)       # the speaker's row, joined by the reader
        return conds

    def documents(self) -> list:
        d, da, e = t.documents, t.document_actors, t.events
        conds = self._dates(d.c.published)
        if self.event_type:
            conds.append(select(e.c.id).where(e.c.doc_key == d.c.key, e.c.type == self.event_type).exists())
        if self.country:
            conds.append(select(da.c.local_id).where(da.c.doc_key == d.c.key, da.c.country == self.country).exists())
        return conds

    def actors(self) -> list:
        """Which corpus-wide actors are listed: mentioned in a document inside the dates
        (so orphans of replaced documents never are), of the country, in an event of the type."""
        a, da, d, ea, e = t.actors, t.document_actors, t.documents, t.event_actors, t.events
        conds = [select(da.c.doc_key).join(d, d.c.key == da.c.doc_key)
                 .where(da.c.actor_id == a.c.id, *self.published()).exists()]
        if self.country:
            conds.append(a.c.country == self.country)
        if self.event_type:
            conds.append(select(ea.c.event_id).join(e, e.c.id == ea.c.event_id).join(d, d.c.key == e.c.doc_key)
                         .where(ea.c.actor_id == a.c.id, *self.actor_events()).exists())
        return conds

    def published(self) -> list:
        """The dates on documents.published alone: which documents a quote or an actor's
        counts may come from."""
        return self._dates(t.documents.c.published)

    def actor_events(self) -> list:
        """The events an actor's event count comes from (needs `events` and `documents` joined)."""
        conds = self._dates(func.coalesce(t.events.c.date, t.documents.c.published))
        if self.event_type:
            conds.append(t.events.c.type == self.event_type)
        return conds

    def _dates(self, column) -> list:
        # the store's reading of partial dates and ISO weeks, so that an export and the
        # web's lists of the same filter hold the same rows
        return date_conditions(column, self.date_from, self.date_to)


def check_filters(date_from: Optional[str] = None, date_to: Optional[str] = None,
                  event_type: Optional[str] = None, country: Optional[str] = None) -> Filters:
    """The filters, checked; ExportError names what is wrong with one."""
    date_from = _check_date("date_from", date_from)
    date_to = _check_date("date_to", date_to)
    if date_from and date_to:
        n = min(len(date_from), len(date_to))
        if date_from[:n] > date_to[:n]:
            raise ExportError(f"date_from {date_from} is after date_to {date_to}")
    if event_type:
        types = event_types()
        if event_type.upper() not in types:
            raise ExportError(f"unknown event type {event_type!r}: one of {', '.join(types)}")
        event_type = event_type.upper()
    if country:
        if not _COUNTRY.match(country):
            raise ExportError(f"country wants an ISO 3166 alpha-3 code such as DEU, not {country!r}")
        country = country.upper()
    return Filters(date_from or None, date_to or None, event_type or None, country or None)


def _check_date(name: str, value: Optional[str]) -> Optional[str]:
    if not value:
        return None
    match = _DATE.match(value)
    if match:
        year, month, day = match.groups()
        try:
            date(int(year), int(month or 1), int(day or 1))
            return value
        except ValueError:
            pass
    raise ExportError(f"{name} wants a date YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
