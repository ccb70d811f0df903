"""Building the models and tables that the stages read: training apart from running.

Every module here makes a file that a stage's runtime package ships and reads; the runtime
packages (`lagebild.entities`, `lagebild.quotes`, ...) hold only what `lagebild analyze`
runs. One sub-package per stage, each module named after what it builds:

    ner/train.py            `lagebild train ner`: the encoder's tuned layers and the NER head
                            (lagebild/encoder/model/, lagebild/entities/model/); its config
                            train-ner.yaml and the self-training labels pseudo-labels.jsonl sit
                            beside it, with the readers of its corpora (germeval.py, ler.py,
                            smartdata.py, pseudo.py)
    quotes/tagger.py        `lagebild train quotes`: lagebild/quotes/model/quote-tagger.pt
    quotes/cues.py          `lagebild train quote-cues`: lagebild/quotes/reported_verbs.tsv
    events/classifier.py    `lagebild train events`: lagebild/events/model/type-head.pt
    segment/word_analyses.py  `lagebild train word-analyses`: segment/word_analyses.tsv.gz
    actors/common_nouns.py  python -m lagebild.training.actors.common_nouns: actors/data/common_nouns.txt
    actors/given_names.py   python -m lagebild.training.actors.given_names: actors/data/given_names_corpus.txt
    places/common_words.py  python -m lagebild.training.places.common_words: places/common_words.txt
    places/city_index.py    python -m lagebild.training.places.city_index: places/cities.tsv.gz
                            and places/us_state_centres.csv

The rule: what `lagebild analyze` runs never imports from `lagebild.training` (code shared
by both, such as loading a trained head, lives in the runtime package and is imported from
here). Only `lagebild.cli`'s TRAINERS table and the evaluators (`lagebild evaluate`, inside
their main) refer to this package.
"""
