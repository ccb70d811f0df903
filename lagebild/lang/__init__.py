"""Language knowledge shared by every stage: `lagebild.lang.de` holds German's closed word
classes (articles, prepositions, subordinators, pronouns, auxiliaries, ...) as data."""
