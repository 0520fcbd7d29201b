"""../shared/bench/score-repair.py with its held-out layout imitated on the dev pages.

The scorer's docstring says the maintainers' held-out copy lays every clean text out as
"headline, blank line, body" (headline from the page's <title>, site name cut off), while
the dev truth has no headline. Here each dev truth gets its page's <title> on top, the site
name cut off as the longest part between ' | ', ' - ', ' – ', ' — ', ' :: ', ' · '; the
defects, seeds and metric are the scorer's own. Title-case headlines then receive the
lowercased-name defect too, and the doubled title is the short headline.

Usage (from the project root; reads ../shared at run time, like the benches):
  python3 scripts/score-repair-headline.py --cmd "target/release/article-analyzer clean --repairs-only"
  python3 scripts/score-repair-headline.py --titles       # the headlines it uses
(The table's header line is the scorer's own and still says "no headline".)
"""
import gzip, html, importlib.util, re, sys
from pathlib import Path
ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("sr", str(ROOT / "../shared/bench/score-repair.py"))
sr = importlib.util.module_from_spec(spec); spec.loader.exec_module(sr)
HTML = ROOT / "../shared/data/cleaning-dev/html"

def headline(pid):
    p = HTML / f"{pid}.html.gz"
    if not p.exists():
        return None
    t = gzip.open(p, "rt", encoding="utf8", errors="replace").read()
    m = re.search(r"<title[^>]*>(.*?)</title>", t, re.S | re.I)
    if not m:
        return None
    s = " ".join(html.unescape(m.group(1)).split())
    parts = re.split(r" (?:\||-|–|—|::|·) ", s)
    return max(parts, key=len).strip() or None

orig = sr.build_cases
def build_cases(data):
    truths = {p.stem: p.read_text(encoding="utf8") for p in (data / "truth").glob("*.txt")}
    truths = {i: t for i, t in truths.items() if sr.is_english(t)}
    cases = []
    for k, pid in enumerate(sorted(truths)):
        h = headline(pid)
        clean = truths[pid].strip()
        if h:
            clean = h + "\n\n" + clean
        for ci, cond in enumerate(sr.CONDITIONS):
            bad, n = sr.corrupt(clean, cond, seed=1000 * k + ci)
            if cond != "clean" and n == 0:
                continue
            cases.append((pid, cond, clean, bad, n))
    return cases
sr.build_cases = build_cases
if "--titles" in sys.argv:
    for p in sorted((ROOT / "../shared/data/cleaning-dev/truth").glob("*.txt")):
        print(headline(p.stem))
    sys.exit()
sr.main()
