"""Builders of the places stage's tables (the city index, the common-word list)."""
