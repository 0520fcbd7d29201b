#!/usr/bin/env python3
"""Regenerates model/lexicon.txt, the English lexicon of the cleaning stage's typo and casing
repairs, from SCOWL (Spell Checker Oriented Word Lists, Kevin Atkinson; a permissive
licence: see model/README.md), as Debian's `scowl` package installs it:

    apt-get install scowl && python3 scripts/make-lexicon.py

Kept: the English, American and British word, upper-case, proper-name and contraction lists
of SCOWL size 50 and below (the size of a desk dictionary), without possessives ("Aaron's"),
and the lowercase entries of its abbreviation lists of those sizes ("max", "approx").
Each line is a flags digit, a digit k and the rest of the word: the word (lowercase,
sorted bytewise) starts with the first k characters (at most 9) of the word before it
("5trump" after "3trudge" is "53mp"; front coding takes a third off the page's gzipped
download). Flags:
flags 1 = SCOWL lists it lowercase, 2 = among the most frequent words (sizes 10-20, the only
typo targets), 4 = SCOWL lists it capitalised (its case is the evidence that a word is a
name: "helsinki" is 4, "trump" is 5).
"""
import pathlib
import sys

SRC = pathlib.Path("/usr/share/dict/scowl")
OUT = pathlib.Path(__file__).resolve().parent.parent / "model" / "lexicon.txt"

if not SRC.is_dir():
    sys.exit("SCOWL not found: apt-get install scowl")
flags = {}
for var in ("english", "american", "british"):
    for kind in ("words", "upper", "proper-names", "contractions"):
        for size in (10, 20, 35, 40, 50):
            p = SRC / f"{var}-{kind}.{size}"
            if not p.exists():
                continue
            for w in p.read_text(encoding="utf-8").split():
                if w.endswith("'s") or not w.isalpha() and "'" not in w:
                    continue
                f = 4 if w[0].isupper() else (3 if size <= 20 else 1)
                flags[w.lower()] = flags.get(w.lower(), 0) | f
        # Abbreviations written lowercase ("max", "approx", "etc") are words a text writes
        # lowercase; the capitalised ones ("Mr", "Jan") say nothing a name list does not.
        for size in (10, 20, 35, 40, 50):
            p = SRC / f"{var}-abbreviations.{size}"
            if not p.exists():
                continue
            for w in p.read_text(encoding="utf-8").split():
                if w.isalpha() and w.islower():
                    flags[w] = flags.get(w, 0) | 1
lines, prev = [], ""
for w, f in sorted(flags.items(), key=lambda x: x[0].encode()):
    k = 0
    while k < min(len(prev), len(w), 9) and prev[k] == w[k]:
        k += 1
    lines.append(f"{f}{k}{w[k:]}")
    prev = w
OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
print(f"{len(lines)} words -> {OUT}")
