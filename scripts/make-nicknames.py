#!/usr/bin/env python3
"""Regenerates model/nicknames.txt, the given names and their nicknames that the alias merging
reads ("Joe Biden" = "Joseph R. Biden"), from the PyPI package `nicknames` (Carlton Northern,
Nick Crews; Apache-2.0; a hand-curated English names.csv of formal names and nicknames):

    pip download --no-deps nicknames==1.0.1 -d /tmp/nk
    python3 scripts/make-nicknames.py /tmp/nk/nicknames-1.0.1-py3-none-any.whl

Kept: the `has_nickname` rows whose two names are ASCII letters only, where the nickname is
shorter than the formal name and starts with the same letter ("joe" of "joseph", "jim" of
"james", "chuck" of "charles"). The table is
a genealogist's and many to many: run over the dev corpora whole, it joined "Bill Gates" to
"Robert Gates" (a "bill" of Robert's), "Ian Hart" to "John Hart" ("ian" and "john" each
other's), "Will Rogers" to "Fred Rogers" ("fred" a nickname of "will"). The cost: nicknames
made with another letter ("Bill" William, "Ted" Edward, "Bob" Robert) are left out. One formal
name a line, lowercase, then its nicknames, space-separated; sorted.
"""
import collections
import csv
import io
import pathlib
import sys
import zipfile

if len(sys.argv) != 2:
    sys.exit(__doc__)
with zipfile.ZipFile(sys.argv[1]) as z:
    rows = list(csv.DictReader(io.TextIOWrapper(z.open("nicknames/names.csv"), encoding="utf-8")))
pairs = set()
for r in rows:
    a, rel, b = r["name1"].strip().lower(), r["relationship"].strip(), r["name2"].strip().lower()
    if rel == "has_nickname" and a != b and a.isascii() and b.isascii() and a.isalpha() and b.isalpha():
        pairs.add((a, b))
table = collections.defaultdict(set)
for a, b in pairs:
    if len(b) < len(a) and a[0] == b[0]:
        table[a].add(b)
out = pathlib.Path(__file__).resolve().parent.parent / "model" / "nicknames.txt"
out.write_text("".join(f"{a} {' '.join(sorted(bs))}\n" for a, bs in sorted(table.items())), encoding="utf-8")
print(f"{len(table)} formal names, {sum(map(len, table.values()))} nicknames -> {out}")
