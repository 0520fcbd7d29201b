#!/usr/bin/env python3
"""Error analysis of the name tagger: gold against predicted spans, grouped by kind.

Input: the file `score-ner.py --save-pred DIR` writes (DIR/cmd.jsonl: per document the
mapped predictions and the gold entities, code point offsets and texts). Kinds:

  type    same span, other type           (counted per gold->pred pair, e.g. LOC->ORG)
  bound   overlapping spans, other bounds (per gold type -> pred type)
  miss    gold span no prediction overlaps (per gold type)
  spur    predicted span no gold overlaps  (per predicted type)

Usage: python3 scripts/ner-errors.py /tmp/pred/cmd.jsonl [-n EXAMPLES] [--kind type]
           [--data ../shared/data/ner/conllpp-dev.txt]
With --data (the CoNLL file that was scored), examples are printed with a little context,
the document text rebuilt by the scorer's own reader (score-ner.py next to the data's
bench/ directory, or --scorer PATH). Stdlib only.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import os
import sys


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def context(text: str, s: int, e: int, width: int = 40) -> str:
    left = text[max(0, s - width) : s].replace("\n", " / ")
    right = text[e : e + width].replace("\n", " / ")
    return f"{left}[{text[s:e]}]{right}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pred", help="DIR/cmd.jsonl from score-ner.py --save-pred DIR")
    ap.add_argument("-n", type=int, default=8, help="examples per class (default 8)")
    ap.add_argument("--kind", choices=["type", "bound", "miss", "spur"], help="only this kind")
    ap.add_argument("--data", help="the CoNLL file scored, for context in the examples")
    ap.add_argument("--scorer", help="score-ner.py (default: ../../bench/score-ner.py from --data)")
    args = ap.parse_args()

    texts: dict[str, str] = {}
    if args.data:
        scorer = args.scorer or os.path.join(os.path.dirname(os.path.abspath(args.data)), "..", "..", "bench", "score-ner.py")
        spec = importlib.util.spec_from_file_location("score_ner", scorer)
        assert spec is not None and spec.loader is not None
        mod = importlib.util.module_from_spec(spec)
        sys.modules["score_ner"] = mod  # dataclasses look their module up there
        spec.loader.exec_module(mod)
        texts = {d.id: d.text for d in mod.load_conll(args.data)}

    classes: dict[tuple[str, str], list[str]] = collections.defaultdict(list)
    for line in open(args.pred, encoding="utf-8"):
        doc = json.loads(line)
        # The saved predictions hold no document text: context needs --data.
        text = texts.get(doc["id"])
        gold = {(g["start"], g["end"]): g for g in doc["gold"]}
        pred = {(p["start"], p["end"]): p for p in doc["entities"]}

        def show(span: tuple[int, int], ent: dict) -> str:
            if text:
                return context(text, span[0], span[1])
            return ent["text"]

        for span, g in gold.items():
            p = pred.get(span)
            if p is not None:
                if p["label"] != g["label"]:
                    classes[("type", f"{g['label']}->{p['label']}")].append(f"{doc['id']}: {show(span, g)}")
                continue
            over = [(ps, pe) for ps, pe in pred if overlaps((ps, pe), span)]
            if over:
                preds = "; ".join(f"{pred[o]['text']}/{pred[o]['label']}" for o in sorted(over))
                labs = "+".join(sorted({pred[o]["label"] for o in over}))
                classes[("bound", f"{g['label']}->{labs}")].append(f"{doc['id']}: gold {g['text']!r} pred {preds}")
            else:
                classes[("miss", g["label"])].append(f"{doc['id']}: {show(span, g)}")
        for span, p in pred.items():
            if span in gold or any(overlaps(span, gs) for gs in gold):
                continue
            classes[("spur", p["label"])].append(f"{doc['id']}: {show(span, p)}")

    totals = collections.Counter({k: len(v) for k, v in classes.items()})
    print("errors by class (largest first):")
    for (kind, name), n in totals.most_common():
        if args.kind and kind != args.kind:
            continue
        print(f"  {n:4d}  {kind:5s} {name}")
    for (kind, name), n in totals.most_common():
        if args.kind and kind != args.kind:
            continue
        print(f"\n## {kind} {name} ({n})")
        for ex in classes[(kind, name)][: args.n]:
            print("   ", ex)


if __name__ == "__main__":
    main()
