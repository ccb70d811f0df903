"""Training of the events stage's type classifier (`lagebild train events`)."""
