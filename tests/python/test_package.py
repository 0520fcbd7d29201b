"""The Python package equals the CLI on the seeds, checks its arguments, releases the GIL."""

import json
import threading
from pathlib import Path

import pytest

import article_analyzer as aa
from conftest import corpus, jsonl


def test_clean_equals_cli(seeds, cli):
    for s in seeds:
        assert aa.clean(s) == cli(["clean"], s)
        assert aa.clean(s, repairs_only=True) == cli(["clean", "--repairs-only"], s)
        assert aa.clean(s, disabled=["spacing", "navigation"]) == cli(["clean", "--no-rule", "spacing", "--no-rule", "navigation"], s)


def test_clean_edits_equal_cli(seeds, cli):
    for s in seeds:
        assert aa.clean_edits(s) == [json.loads(line) for line in cli(["clean", "--edits"], s).splitlines()]


def test_clean_html_equals_cli_and_finds_the_article(cli):
    root = Path(__file__).resolve().parents[1] / "fixtures" / "html"
    page = (root / "news-page.html").read_text(encoding="utf-8")
    got = aa.clean_html(page)
    answer = json.loads(cli(["clean", "--jsonl"], jsonl([{"id": 0, "html": page}])))
    assert got == {k: v for k, v in answer.items() if k != "id"}
    assert got["metadata"]["title"] and got["text"].strip()
    assert len(got["text"]) < len(got["original"])
    for e in got["edits"]:
        assert got["original"][e["start"]:e["end"]] == e["before"]
    empty = aa.clean_html((root / "no-article.html").read_text(encoding="utf-8"))
    assert empty["empty_reason"] and not empty["text"].strip()


def test_quotes_equal_cli_and_use_code_points(seeds, cli):
    out = cli(["quotes", "--jsonl"], jsonl({"id": i, "text": s} for i, s in enumerate(seeds)))
    found = 0
    for s, line in zip(seeds, out.splitlines()):
        qs = aa.quotes(s)
        assert qs == json.loads(line)["quotes"]
        for q in qs:
            assert s[q["start"]:q["end"]] == q["text"]
            if q["speaker"]:
                sp = q["speaker"]
                assert s[sp["start"]:sp["end"]] == sp["text"]
            found += 1
    assert found, "the seeds quote people"
    assert aa.quotes("") == []


def test_entities_equal_cli_and_use_code_points(seeds, cli):
    out = cli(["entities", "--jsonl"], jsonl({"id": i, "text": s} for i, s in enumerate(seeds)))
    for s, line in zip(seeds, out.splitlines()):
        ents = aa.entities(s)
        assert ents == json.loads(line)["entities"]
        assert ents, "the seeds name people and places"
        for e in ents:
            assert s[e["start"] : e["end"]] == e["text"]


def test_dedup_equals_cli(seeds, cli):
    docs = corpus(seeds)
    out = cli(["dedup", "--jsonl"], jsonl({"id": i, "text": t} for i, t in enumerate(docs)))
    assert aa.dedup(docs) == [json.loads(line)["cluster"] for line in out.splitlines()]
    assert len(set(aa.dedup(docs))) < len(docs), "the copies are found"
    assert aa.dedup([]) == []


def test_signatures_verify_like_dedup(seeds):
    a, b = seeds[1], seeds[1].replace(" the ", " a ", 2)
    sa, sb = aa.signature(a), aa.signature(b)
    assert set(sa) == {"keys", "shingles", "paragraphs", "exact"}
    assert sa["shingles"] == sorted(set(sa["shingles"])) and len(sa["paragraphs"]) == len(sa["shingles"])
    assert all(k % 4 == 0 for k in sa["keys"]) and set(sa["keys"]) <= set(sa["shingles"])
    assert aa.verify(sa, sa) == 1.0
    assert 0.5 < aa.verify(sa, sb) < 1.0
    assert aa.verify(sa, aa.signature(seeds[3])) < 0.1
    assert aa.signature("")["exact"] == 0


def test_bad_arguments_raise_type_or_value_errors():
    with pytest.raises(TypeError):
        aa.clean(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        aa.entities(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        aa.dedup("one string")
    with pytest.raises(TypeError):
        aa.dedup(["ok", 3])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        aa.verify({"shingles": []}, aa.signature("x"))
    with pytest.raises(ValueError, match='unknown rule "nope"'):
        aa.clean("text", disabled=["nope"])
    with pytest.raises(ValueError, match="ascending"):
        aa.verify({"shingles": [5, 3], "paragraphs": [0, 0], "exact": 1}, aa.signature("x"))
    assert aa.clean("") == ""
    assert aa.entities("") == []


def test_rules_name_their_kinds():
    kinds = dict(aa.rules())
    assert kinds["spacing"] == "repair" and kinds["navigation"] == "remove"


def test_the_gil_is_released(seeds):
    """While one thread is inside the core, Python code runs on in another: with the GIL
    held for the whole call, the loop below could not advance at all until the call ends."""
    import time

    text = "\n".join(seeds) * 20
    done = threading.Event()
    worker = threading.Thread(target=lambda: (aa.entities(text), done.set()))
    spins_before, start = 0, time.perf_counter()
    while time.perf_counter() - start < 0.05:
        spins_before += 1
    rate = spins_before / (time.perf_counter() - start)
    t0 = time.perf_counter()
    worker.start()
    spins = 0
    while not done.is_set():
        spins += 1
    elapsed = time.perf_counter() - t0
    worker.join()
    assert elapsed > 0.05, "the call should take a while for this check to mean something"
    assert spins > 0.05 * rate * elapsed, f"{spins} spins in {elapsed:.2f} s at {rate:.0f}/s alone"
