"""Train the unit-name NER (`models/unit_ner/`, label ORG) from corpus gold units.

Training spans: every verbatim occurrence, in the plan's text, of a gold unit's
`text` or `name` (longest first, no overlaps), one spaCy Doc per line.
A small tok2vec (width 64, depth 2) keeps the saved model around 1–2 MB.
Deterministic: fixed seed, fixed order, one thread.
"""
from __future__ import annotations

import random
import re
import warnings

import spacy
from spacy.language import Language
from spacy.training import Example

NER_CONFIG = {"model": {
    "@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner", "extra_state_tokens": False,
    "hidden_width": 64, "maxout_pieces": 2, "use_upper": True, "nO": None,
    "tok2vec": {"@architectures": "spacy.HashEmbedCNN.v2", "pretrained_vectors": None, "width": 64,
                "depth": 2, "embed_size": 1000, "window_size": 1, "maxout_pieces": 3, "subword_features": True}}}


def blank() -> Language:
    """Multi-language tokenizer: blank "vi" without pyvi splits on spaces only, so in
    "Giao Sở Y tế;" the name's last token is "tế;" and no entity can end at "tế"."""
    return spacy.blank("xx")


def mention_spans(line: str, names: list[str]) -> list[tuple[int, int]]:
    """Non-overlapping occurrences of the names in the line, longest names first."""
    taken: list[tuple[int, int]] = []
    for name in sorted(names, key=len, reverse=True):
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", line):
            if all(m.end() <= a or m.start() >= b for a, b in taken):
                taken.append((m.start(), m.end()))
    return sorted(taken)


def clauses(text: str) -> list[str]:
    """Lines cut after ".", ";" or ":" — short docs train faster and teach where a name ends."""
    return [c.strip() for line in text.split("\n") for c in re.split(r"(?<=[.;:])\s+", line) if len(c.strip()) >= 3]


def examples(nlp: Language, text: str, names: list[str], negatives_every: int = 4) -> list[Example]:
    """One Example per clause; clauses without a unit are kept one in `negatives_every`."""
    out = []
    for k, clause in enumerate(clauses(text)):
        doc = nlp.make_doc(clause)
        ents = [(a, b, "ORG") for a, b in mention_spans(clause, names) if doc.char_span(a, b) is not None]
        if ents or k % negatives_every == 0:
            out.append(Example.from_dict(doc, {"entities": ents}))
    return out


def train(exs: list[Example], seed: int = 0, epochs: int = 10) -> Language:
    spacy.util.fix_random_seed(seed)
    # W033: no lexeme normalization table for this language; expected, NORM is the lowercase form.
    warnings.filterwarnings("ignore", message=r"\[W033\]")
    nlp = blank()
    nlp.add_pipe("ner", config=NER_CONFIG)
    nlp.initialize(lambda: exs)
    rng = random.Random(seed)
    order = list(exs)
    for _ in range(epochs):
        rng.shuffle(order)
        losses: dict = {}
        for batch in spacy.util.minibatch(order, size=32):
            nlp.update(batch, drop=0.2, losses=losses)
    return nlp


def names_found(nlp: Language, text: str) -> list[str]:
    """Distinct ORG strings the model finds in a plan's text."""
    out: list[str] = []
    for doc in nlp.pipe(clauses(text)):
        for e in doc.ents:
            if e.text not in out:
                out.append(e.text)
    return out
