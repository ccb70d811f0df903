"""Corpus runs: many articles in, one report out."""
