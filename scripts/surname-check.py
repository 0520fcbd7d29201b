#!/usr/bin/env python3
"""Where bare-surname mentions land after alias merging, on a corpus read at run time.

    cargo build --release
    python3 scripts/surname-check.py ../shared/data/dedup-event-dev/corpus.jsonl Trump "Donald Trump"

Writes each {"id","text"} line of the JSON Lines corpus to a temporary folder, runs
`target/release/article-analyzer analyze` on all of them (the whole pipeline: cleaning,
entities, alias merging), and counts the mentions whose text is the bare SURNAME (optionally
after Mr./Mrs./Ms./President, with a possessive): how many were tagged as a name, how many
PER, and how many ended in the canonical entity named TARGET. The corpus is not copied
anywhere else. Stdlib only.
"""

import collections
import json
import os
import re
import subprocess
import sys
import tempfile


def main() -> None:
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    corpus, surname, target = sys.argv[1:4]
    binary = sys.argv[4] if len(sys.argv) > 4 else "target/release/article-analyzer"
    bare = re.compile(r"^(?:(?:Mr\.?|Mrs\.?|Ms\.?|President)\s+)?" + re.escape(surname) + r"(?:['’]s?)?$", re.I)
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        with open(corpus, encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if line.strip():
                    path = os.path.join(tmp, f"{i:05d}.txt")
                    with open(path, "w", encoding="utf-8") as out:
                        out.write(json.loads(line)["text"])
                    files.append(path)
        result = json.loads(subprocess.run([binary, "analyze", *files], capture_output=True, check=True).stdout)
    docs = result["documents"]
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


if __name__ == "__main__":
    main()
