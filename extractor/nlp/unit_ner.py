"""`kh_unit_ner`: a small trained spaCy NER for unit names, as `doc.spans["unit_ner"]`.

The model (`models/unit_ner/`, label ORG) is trained by `models/train_ner.py`
from the corpus gold units; it is loaded from disk, never downloaded. Without
the model the component adds an empty span group and warns once, so a pipeline
that asks for it still runs.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from .artifacts import model_path, warn_missing

MODEL_DIR = "unit_ner"


@lru_cache(maxsize=1)
def load_ner() -> Language | None:
    path = model_path(MODEL_DIR)
    if not (path / "meta.json").exists():
        warn_missing(MODEL_DIR)
        return None
    return spacy.load(path)


def unit_spans(doc: Doc, ner: Language | None = None) -> list[Span]:
    """ORG entities of the trained model, re-anchored on `doc` by character offsets."""
    ner = ner if ner is not None else load_ner()
    if ner is None:
        return []
    out = []
    for ent in ner(doc.text).ents:
        sp = doc.char_span(ent.start_char, ent.end_char, label=ent.label_, alignment_mode="expand")
        if sp is not None:
            out.append(sp)
    return out


@Language.component("kh_unit_ner")
def unit_ner_component(doc: Doc) -> Doc:
    doc.spans["unit_ner"] = unit_spans(doc)
    return doc
