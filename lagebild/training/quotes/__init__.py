"""Training of the quote tagger (`lagebild train quotes`) and the reported-verb table (`lagebild train quote-cues`)."""
