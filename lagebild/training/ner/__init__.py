"""Training of the NER model (`lagebild train ner`) and the readers of its corpora."""
