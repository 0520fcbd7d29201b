#!/usr/bin/env python3
"""Regenerates model/lexicon.txt, the English lexicon of the cleaning stage's typo and casing
repairs, from SCOWL (Spell Checker Oriented Word Lists, Kevin Atkinson; a permissive
licence: see model/README.md), as Debian's `scowl` package installs it:

    apt-get install scowl
    pip download --no-deps spacy-lookups-data==1.0.5 -d /tmp/lookups
    python3 scripts/make-lexicon.py /tmp/lookups/spacy_lookups_data-1.0.5-py2.py3-none-any.whl

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

Names beyond SCOWL's (flag 4 only): the words of the cased word-probability table that
spaCy v2.2's English models shipped, as spacy-lookups-data (MIT) carries it
(`en_lexeme_prob.json.gz`, a million cased forms with their log probabilities), written
capitalised at least four times as often as lowercase (log probability of the capitalised
form at least -18.5), of three letters or more, which SCOWL lacks in any case ("comey",
"bloomberg", "radeon", "qaeda"). Not a word SCOWL has lowercase, even where the table
writes it capitalised more often ("china", "dean", "villa": the clean news writes them
lowercase too), nor a word spelt without its apostrophe ("thats", "dont": capitalised only
at sentence starts), nor a name particle ("vanden"). Without the table the script writes SCOWL's words alone.
"""
import gzip
import json
import math
import pathlib
import sys
import zipfile

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
# The cased-frequency names (see the docstring).
NAME_FLOOR, NAME_RATIO = -18.5, 4.0
COMMON_FLOOR, COMMON_RATIO = -19.4, 2.0
# Name particles that names write lowercase ("Katrina vanden Heuvel"), as `casing::name_beside`
# leaves them.
PARTICLES = {"van", "von", "der", "den", "del", "della", "dos", "das", "ter", "ten", "bin", "ibn", "vanden", "vander"}
if len(sys.argv) > 1:
    with zipfile.ZipFile(sys.argv[1]) as z:
        prob = json.loads(gzip.decompress(z.read("spacy_lookups_data/data/en_lexeme_prob.json.gz")))
    added = 0
    for cased, p in prob.items():
        if p < NAME_FLOOR or len(cased) < 3 or not cased.isascii() or not cased.isalpha():
            continue
        if not (cased[0].isupper() and cased[1:].islower()):
            continue
        w = cased.lower()
        if w in flags or p - prob.get(w, -99.0) < math.log(NAME_RATIO):
            continue
        if any(w[:i] + "'" + w[i:] in flags for i in range(1, len(w))) or w in PARTICLES:
            continue
        flags[w] = 4
        added += 1
    print(f"{added} names from the cased word probabilities")
    # A word SCOWL's sizes up to 50 list only capitalised, which its larger sizes (55-70)
    # list lowercase too and the table writes lowercase at least twice as often
    # ("teleprompter", "styrofoam", "realtor", "laundromat"): a trademark or an eponym
    # that text writes as a common word, so a name only with a document's evidence (flag 5,
    # as "trump"). Both forms above the table's floor (its rarest forms sit at -19.5); four
    # letters or more. Twice: the table counts informal web text, which writes "bluetooth",
    # "gothic", "canterbury" lowercase about as often as capitalised, and news does not.
    # SCOWL's lowercase entry: the table's web text has other languages' words too ("como",
    # "guerra"), which are not English words; sizes 80 and 95 hold those ("oder", "della").
    larger = set()
    for p in SRC.glob("*-words.*"):
        size = p.suffix[1:]
        if size.isdigit() and 50 < int(size) <= 70:
            larger.update(w for w in p.read_text(encoding="utf-8", errors="replace").split() if w.isalpha() and w.islower())
    both = 0
    for w, f in flags.items():
        cap, low = prob.get(w[:1].upper() + w[1:], -99.0), prob.get(w, -99.0)
        if (
            f == 4
            and len(w) >= 4
            and w in larger
            and cap > COMMON_FLOOR
            and low > COMMON_FLOOR
            and low - cap >= math.log(COMMON_RATIO)
        ):
            flags[w] = 5
            both += 1
    print(f"{both} names the cased word probabilities write lowercase twice as often")
lines, prev = [], ""
for w, f in sorted(flags.items(), key=lambda x: x[0].encode()):
    k = 0
    while k < min(len(prev), len(w), 9) and prev[k] == w[k]:
        k += 1
    lines.append(f"{f}{k}{w[k:]}")
    prev = w
OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
print(f"{len(lines)} words -> {OUT}")
