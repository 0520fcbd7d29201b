"""Dedup as a Spark job in local mode: the same clusters as the core, the command's contract."""

import json
import subprocess
import sys

import pytest

import article_analyzer as aa
from conftest import corpus, jsonl

pyspark = pytest.importorskip("pyspark", reason='install the [spark] extra: pip install ".[spark]"')
from article_analyzer import spark as aas  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    s = aas.session("local[2]")
    yield s
    s.stop()


def partition(labels):
    groups = {}
    for i, c in enumerate(labels):
        groups.setdefault(c, []).append(i)
    return sorted(groups.values())


def test_spark_clusters_equal_the_core(spark, seeds):
    docs = corpus(seeds)
    # Furniture: one line shared by more documents than the rule allows at this size would be
    # dropped; the corpus is small, so the rule's floor (32 documents) keeps everything.
    df = spark.createDataFrame([(f"doc-{i}", t) for i, t in enumerate(docs)], "id string, text string")
    rows = aas.dedup(df).collect()
    assert [r["id"] for r in rows] == [f"doc-{i}" for i in range(len(docs))]
    got = [r["cluster"] for r in rows]
    want = aa.dedup(docs)
    assert got == want
    assert len(set(want)) < len(docs)


def test_spark_drops_furniture_like_the_core(spark):
    """40 short unrelated articles that share one long footer: the footer's shingles are in
    more than 32 documents, so they are furniture and link nothing."""
    footer = "Sign up for the morning briefing from the Example Herald and never miss a single story again"
    docs = [
        f"Story number {i} tells of event {i * 7} in town {i * 13}, with details {i * 3} and more {i * 5} here.\n\n{footer}"
        for i in range(40)
    ]
    df = spark.createDataFrame(list(enumerate(docs)), "id long, text string")
    got = [r["cluster"] for r in aas.dedup(df).collect()]
    assert got == aa.dedup(docs) == list(range(40))


def test_column_functions(spark, seeds):
    df = spark.createDataFrame([(seeds[0],), (None,)], "text string")
    rows = df.select(aas.clean_column("text").alias("c"), aas.entities_column("text").alias("e")).collect()
    assert rows[0]["c"] == aa.clean(seeds[0])
    assert [e.asDict() for e in rows[0]["e"]] == aa.entities(seeds[0])
    assert rows[1]["c"] is None and rows[1]["e"] is None


def run_module(stdin: str, *args: str):
    return subprocess.run(
        [sys.executable, "-m", "article_analyzer.spark", "dedup", "--jsonl", "--master", "local[2]", *args],
        input=stdin.encode(),
        capture_output=True,
    )


def test_command_matches_the_cli(seeds, cli):
    docs = corpus(seeds)[:8]
    stdin = jsonl({"id": i, "text": t} for i, t in enumerate(docs))
    done = run_module(stdin)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode() == cli(["dedup", "--jsonl"], stdin)


def test_command_bad_and_empty_input():
    done = run_module('{"id": 1, "text": "fine"}\n{"id": 2}\n')
    assert done.returncode == 2
    assert 'line 2: no "text" string' in done.stderr.decode()
    assert done.stdout == b""
    done = run_module('{"id": 1, "text": "fine"}\nnot json\n', "--skip-bad")
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode() == '{"cluster":0,"id":1}\n'
    assert "skipped 1 bad line(s); the first, line 2: not JSON" in done.stderr.decode()
    done = run_module("")
    assert (done.returncode, done.stdout) == (0, b"")
