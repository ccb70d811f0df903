"""Builders of the actors stage's word tables (lagebild/actors/data/)."""
