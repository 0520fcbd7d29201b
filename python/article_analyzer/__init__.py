"""article-analyzer for Python: the same Rust core as the page and the CLI.

Clean scraped news pages, tag entities, find near-duplicate articles. Every function takes
``str`` (``TypeError`` otherwise), releases the GIL while the core works, and gives the
same answer as the command-line tool, byte for byte. Offsets are code points, so
``text[e["start"]:e["end"]] == e["text"]``.

>>> import article_analyzer as aa
>>> aa.clean("Home > World\\nThe talks,which began on Monday,ended late.\\nShare this article\\n")
'The talks, which began on Monday, ended late.\\n'
>>> [(e["text"], e["label"]) for e in aa.entities("Vladimir Putin met Donald Trump in Helsinki.")]
[('Vladimir Putin', 'PER'), ('Donald Trump', 'PER'), ('Helsinki', 'LOC')]
>>> aa.dedup(["one story, told once, in a paragraph of words", "another one entirely", "one story, told once, in a paragraph of words"])
[0, 1, 0]

For corpora past one machine, ``article_analyzer.spark.dedup(df)`` runs dedup as a Spark
job (``pip install "article-analyzer[spark]"``), built from :func:`signature` and
:func:`verify`.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Sequence, Tuple

from . import _core

__all__ = [
    "clean",
    "clean_edits",
    "clean_html",
    "entities",
    "quotes",
    "dedup",
    "signature",
    "verify",
    "rules",
    "Signature",
    "verify_all",
]
__version__: str = _core.__version__

Signature = Dict[str, Any]
"""A document's dedup signature: ``keys`` (sampled shingle hashes, for candidate pairs),
``shingles`` (all its shingle hashes, ascending), ``paragraphs`` (the paragraph of each
shingle) and ``exact`` (a key equal for texts with the same words in the same order, 0 for a
text without words). Hashes are non-negative ints that fit Spark's ``long``."""


def _texts(texts: Sequence[str]) -> List[str]:
    if isinstance(texts, (str, bytes)):
        raise TypeError("texts must be a sequence of str, not a single string")
    out = list(texts)
    for i, t in enumerate(out):
        if not isinstance(t, str):
            raise TypeError(f"texts[{i}] is {type(t).__name__}, not str")
    return out


def _names(disabled: Sequence[str]) -> List[str]:
    if isinstance(disabled, str):
        return [disabled]
    return list(disabled)


def clean(text: str, *, disabled: Sequence[str] = (), repairs_only: bool = False) -> str:
    """The article of a page: chrome removed, text repaired (the CLI's ``clean``).

    ``disabled`` switches rules off by name (see :func:`rules`); ``repairs_only`` keeps
    every line and applies only in-line repairs (the CLI's ``--repairs-only``).
    """
    return _core.clean(text, _names(disabled), repairs_only)


def clean_edits(text: str, *, disabled: Sequence[str] = (), repairs_only: bool = False) -> List[Dict[str, Any]]:
    """Every edit cleaning proposes for ``text``, applied or not (the CLI's ``clean --edits``):
    ``id``, ``start``, ``end`` (code points of ``text``), ``clean_start``, ``kind``
    ("remove", "repair", "flag"), ``rule``, ``reason``, ``before``, ``after``, ``applied``."""
    return json.loads(_core.clean_edits_json(text, _names(disabled), repairs_only))


def clean_html(html: str, *, disabled: Sequence[str] = (), repairs_only: bool = False) -> Dict[str, Any]:
    """The article of a page given as HTML, found from its structure (the CLI's ``clean
    --jsonl`` answer to an ``{"html"}`` record): ``text`` (the article), ``edits`` (offsets in
    code points of ``original``), ``original`` (the page's visible text, one line per
    block), ``metadata`` (``title``, ``byline``, ``date``, ``site_name``, ``url`` where the
    page gives them) and ``empty_reason`` when the page holds no article."""
    return json.loads(_core.clean_html_json(html, _names(disabled), repairs_only))


def entities(text: str) -> List[Dict[str, Any]]:
    """The entities of ``text`` as given (the CLI's ``entities``): ``start``, ``end``,
    ``label`` (PER, ORG, LOC, MISC, DATE, MONEY, ...), ``text``."""
    return json.loads(_core.entities_json(text))


def quotes(text: str) -> List[Dict[str, Any]]:
    """The quotes and attributions of ``text`` as given (the CLI's ``quotes``): ``start``,
    ``end``, ``text`` (code points), ``speaker`` (``start``, ``end``, ``text``, ``name``) or
    None, ``cue`` (``start``, ``end``, ``text``) or None, ``fragments`` when the quote is
    split by its attribution, ``direct``."""
    return json.loads(_core.quotes_json(text))


def dedup(texts: Sequence[str], threshold: float = _core.THRESHOLD) -> List[int]:
    """A cluster id per text (the smallest index of its cluster): equal ids are near-duplicate
    copies, compared as given (the CLI's ``dedup``). ``threshold`` is the similarity (0-1)
    from which two texts are copies."""
    return _core.dedup(_texts(texts), float(threshold))


def signature(text: str) -> Signature:
    """The dedup signature of one text, the building block of a distributed dedup: see
    :mod:`article_analyzer.spark`."""
    keys, shingles, paragraphs, exact = _core.signature(text)
    return {"keys": keys, "shingles": shingles, "paragraphs": paragraphs, "exact": exact}


def verify(a: Signature, b: Signature) -> float:
    """The similarity (0-1) of two documents from their signatures, as dedup verifies a
    candidate pair; clusters join pairs whose similarity reaches the threshold."""
    return verify_all(a, b)[2]


def verify_all(a: Signature, b: Signature) -> Tuple[float, float, float, bool, bool]:
    """(Jaccard, containment, similarity, b is the more complete, one reads as a copy of the
    other) of two signatures: what dedup keeps of a verified pair."""
    return _core.verify(_sig(a), _sig(b))


def _sig(s: Signature) -> Tuple[List[int], List[int], int]:
    try:
        return (list(s["shingles"]), list(s["paragraphs"]), int(s["exact"]))
    except (KeyError, TypeError) as e:
        raise TypeError(f"not a signature (a dict from article_analyzer.signature): {e}") from None


def rules() -> List[Tuple[str, str]]:
    """The cleaning rules: (name, kind) with kind "remove", "repair" or "flag"."""
    return _core.rules()
