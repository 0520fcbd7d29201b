#!/usr/bin/env python3
"""Dedup as a Spark job (local mode) beside the CLI, at 10k and 100k documents.

    .venv/bin/python scripts/bench-spark.py [N ...]        # default: 10000 100000

Needs the package with its [spark] extra (scripts/test.sh installs it in .venv), the CLI
(`cargo build --release`) and ../shared/data/dedup-dev/corpus.jsonl for base articles. Each
corpus is made as bench-dedup makes its own, with a seeded generator: new stories (a base
article with its paragraphs rotated and a third of its words replaced) and copies of earlier
documents (exact, truncated to 40-90%, or a paragraph dropped and a few words changed). It
prints the wall time of both, the Spark job's against the CLI's, and the agreement of their
clusters (adjusted Rand index; 1 = the same partition).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from math import comb

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLI = os.path.join(ROOT, "target", "release", "article-analyzer")
BASE = os.path.join(ROOT, "..", "shared", "data", "dedup-dev", "corpus.jsonl")


def corpus(n: int, seed: int = 20261126) -> list[str]:
    rng = random.Random(seed)
    sources = [json.loads(line)["text"] for line in open(BASE, encoding="utf-8")]
    vocab = sorted({w for s in sources for w in s.split() if len(w) > 2})
    texts: list[str] = []
    for i in range(n):
        if i < 10 or rng.random() < 0.6:
            paras = rng.choice(sources).split("\n\n")
            r = rng.randrange(len(paras))
            words = "\n\n".join(paras[r:] + paras[:r]).split(" ")
            texts.append(" ".join(rng.choice(vocab) if rng.random() < 0.3 else w for w in words))
        else:
            orig = texts[rng.randrange(i)]
            kind = rng.randrange(3)
            if kind == 0:
                texts.append(orig)
            elif kind == 1:
                texts.append(orig[: len(orig) * rng.randint(40, 90) // 100])
            else:
                paras = orig.split("\n\n")
                if len(paras) > 1:
                    del paras[rng.randrange(len(paras))]
                words = "\n\n".join(paras).split(" ")
                texts.append(" ".join(rng.choice(vocab) if rng.random() < 0.02 else w for w in words))
    return texts


def ari(a: list[int], b: list[int]) -> float:
    n = len(a)
    pairs = Counter(zip(a, b))
    sum_ij = sum(comb(v, 2) for v in pairs.values())
    sum_a = sum(comb(v, 2) for v in Counter(a).values())
    sum_b = sum(comb(v, 2) for v in Counter(b).values())
    expected = sum_a * sum_b / comb(n, 2) if n > 1 else 0.0
    top = (sum_a + sum_b) / 2 - expected
    return 1.0 if top == 0 else (sum_ij - expected) / top


def run(cmd: list[str], path: str) -> tuple[float, list[int]]:
    t0 = time.perf_counter()
    with open(path, "rb") as f:
        out = subprocess.run(cmd, stdin=f, capture_output=True, check=True).stdout
    return time.perf_counter() - t0, [json.loads(line)["cluster"] for line in out.splitlines()]


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000]
    for n in sizes:
        texts = corpus(n)
        mb = sum(len(t.encode()) for t in texts) / 1e6
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
            for i, t in enumerate(texts):
                f.write(json.dumps({"id": i, "text": t}) + "\n")
        try:
            cli_s, cli = run([CLI, "dedup", "--jsonl"], f.name)
            spark_s, spark = run([sys.executable, "-m", "article_analyzer.spark", "dedup", "--jsonl"], f.name)
        finally:
            os.unlink(f.name)
        print(
            f"n={n} input={mb:.1f}MB  cli={cli_s:.1f}s  spark(local[*], {os.cpu_count()} cores, incl. start-up)="
            f"{spark_s:.1f}s ({spark_s / cli_s:.1f}x the CLI)  clusters cli={len(set(cli))} spark={len(set(spark))}  "
            f"ARI(spark, cli)={ari(spark, cli):.4f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
