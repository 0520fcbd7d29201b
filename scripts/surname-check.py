#!/usr/bin/env python3
"""Where bare-surname mentions land after alias merging, on a corpus read at run time.

    cargo build --release
    python3 scripts/surname-check.py ../shared/data/dedup-event-dev/corpus.jsonl Trump "Donald Trump"
    python3 scripts/surname-check.py ../shared/data/dedup-event-dev/corpus.jsonl --all

Writes each {"id","text"} line of the JSON Lines corpus to a temporary folder, runs
`target/release/article-analyzer analyze` on all of them (the whole pipeline: cleaning,
entities, alias merging), and counts the mentions whose text is the bare SURNAME (optionally
after Mr./Mrs./Ms./President, with a possessive): how many were tagged as a name, how many
PER, and how many ended in the canonical entity named TARGET. With --all: the same for every
surname of a person the corpus names in full, the 40 with most bare mentions, each against
the person named in full most often with it. The corpus is not copied anywhere else. Stdlib
only.
"""

import collections
import json
import os
import re
import subprocess
import sys
import tempfile

TITLE = r"(?:(?:Mr\.?|Mrs\.?|Ms\.?|Dr\.?|President)\s+)?"


def analyze(corpus: str, binary: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        with open(corpus, encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if line.strip():
                    path = os.path.join(tmp, f"{i:05d}.txt")
                    with open(path, "w", encoding="utf-8") as out:
                        out.write(json.loads(line)["text"])
                    files.append(path)
        return json.loads(subprocess.run([binary, "analyze", *files], capture_output=True, check=True).stdout)


def one(result: dict, surname: str, target: str) -> None:
    docs = result["documents"]
    bare = re.compile("^" + TITLE + re.escape(surname) + r"(?:['’]s?)?$", re.I)
    land: collections.Counter = collections.Counter()
    labels: collections.Counter = collections.Counter()
    for c in result["corpus"]["entities"]:
        for d, m in c["mentions"]:
            e = docs[d]["entities"][m]
            if e["label"] in ("PER", "ORG", "LOC", "MISC") and bare.match(e["text"]):
                labels[e["label"]] += 1
                if e["label"] == "PER":
                    land[c["name"]] += 1
    total = sum(labels.values())
    hit = land.get(target, 0)
    print(f"bare {surname!r} tagged as a name: {total} ({dict(labels)}); in {target!r}: {hit} ({100 * hit / max(total, 1):.1f}%)")
    print("PER mentions land in:", land.most_common(6))


def every(result: dict) -> None:
    docs = result["documents"]
    full: dict = collections.defaultdict(collections.Counter)
    for c in result["corpus"]["entities"]:
        for d, m in c["mentions"]:
            e = docs[d]["entities"][m]
            words = e["text"].split()
            if e["label"] == "PER" and len(words) >= 2:
                full[re.sub(r"['’]s?$", "", words[-1])][c["name"]] += 1
    land: dict = collections.defaultdict(collections.Counter)
    for c in result["corpus"]["entities"]:
        for d, m in c["mentions"]:
            e = docs[d]["entities"][m]
            t = re.sub(r"['’]s?$", "", re.sub("^" + TITLE, "", e["text"]))
            if e["label"] in ("PER", "ORG", "LOC", "MISC") and t in full:
                land[t][c["name"] if e["label"] == "PER" else e["label"]] += 1
    for s, c in sorted(land.items(), key=lambda x: (-sum(x[1].values()), x[0]))[:40]:
        total, top = sum(c.values()), full[s].most_common(1)[0][0]
        print(f"{s:14s} bare {total:5d}  in {top!r}: {100 * c[top] / total:5.1f}%  {c.most_common(4)}")


def main() -> None:
    args = sys.argv[1:]
    if len(args) >= 2 and args[1] == "--all":
        every(analyze(args[0], args[2] if len(args) > 2 else "target/release/article-analyzer"))
    elif len(args) >= 3:
        one(analyze(args[0], args[3] if len(args) > 3 else "target/release/article-analyzer"), args[1], args[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
