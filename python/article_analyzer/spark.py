"""Dedup as a Spark job, and the core's cleaning and tagging as column functions.

``pip install "article-analyzer[spark]"`` (PySpark 4, Python >= 3.11). Nothing else is
needed in local mode: :func:`session` sets the workers' Python and a loopback address.

>>> from article_analyzer import spark as aas
>>> s = aas.session()                                   # local[*]; or session("spark://...")
>>> df = s.read.json("articles.jsonl")                  # any DataFrame with id and text
>>> aas.dedup(df).show()                                # id, cluster
>>> df.select("id", aas.clean_column("text").alias("article"))

How dedup scales. The job follows the core's steps with the engine doing the joins, so no
single machine ever holds all pairs or all signatures:

1. signatures (:func:`article_analyzer.signature`) on the executors (``mapInArrow``): the
   document's shingles with their paragraphs, its sampled keys and its exact key;
2. furniture: shingles in more than ``furniture_df(n)`` documents (the core's rule) are
   counted by a ``groupBy`` and dropped from every signature (the set is small: it is
   broadcast);
3. candidate pairs from the shuffle: documents grouped by sampled key; a run of documents
   on one key gives all its pairs when short, else links each document to its next few
   (as the core does, so a key shared by hundreds of copies stays linear); pairs sharing at
   least ``MIN_SHARED`` keys, plus documents with equal exact keys;
4. each pair verified on the executors (:func:`article_analyzer.verify_all`, the core's own
   comparison) and kept when its similarity reaches the threshold and one document reads
   as a copy of the other;
5. connected components of those pairs with DataFrame joins (each document takes the
   smallest index among its neighbours until nothing changes: as many rounds as the longest
   chain of copies, a handful in practice); then, on the executors, the core's clustering
   around sources within each component (``groupBy`` + ``applyInPandas``): a copy joins the
   most complete copy it matches itself, never through a chain, exactly as in the CLI. A
   cluster id is the smallest input index of its cluster, as the CLI numbers them.

Time grows with the number of documents (steps 1, 2, 4 are per document or per pair; step 3
is a shuffle of about a quarter of every document's shingles); memory per executor with
its partitions and with the largest component (the copies of one story), not with the
corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, Iterable, Iterator, List, Optional, Tuple

from . import _core
from . import clean as _clean
from . import entities as _entities

try:
    import pyarrow as pa
    from pyspark.sql import Column, DataFrame, SparkSession
    from pyspark.sql import functions as F
    from pyspark.sql import types as T
except ImportError as e:  # pragma: no cover - the message is the point
    raise ImportError(
        'article_analyzer.spark needs PySpark: pip install "article-analyzer[spark]" ' f"({e})"
    ) from None

__all__ = ["session", "dedup", "clean_column", "entities_column", "main"]

_SIG_SCHEMA = pa.schema(
    [
        ("doc", pa.int64()),
        ("keys", pa.list_(pa.int64())),
        ("shingles", pa.list_(pa.int64())),
        ("paragraphs", pa.list_(pa.int32())),
        ("exact", pa.int64()),
    ]
)
_SIG_DDL = "doc long, keys array<long>, shingles array<long>, paragraphs array<int>, exact long"


def session(master: str = "local[*]", app: str = "article-analyzer") -> SparkSession:
    """A Spark session for the job. In local mode it needs nothing set: the workers run this
    very Python (``PYSPARK_PYTHON``), Spark binds to 127.0.0.1, and the web UI is off."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder
    if master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        # In local mode the driver's JVM also runs the executors: Spark's default 1 GB heap
        # runs out on 100k articles (200 MB of text).
        builder = builder.config("spark.driver.memory", os.environ.get("ARTICLE_ANALYZER_SPARK_MEMORY", "4g"))
    s = (
        builder.master(master)
        .appName(app)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", str(max(8, (os.cpu_count() or 2) * 2)))
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    s.sparkContext.setLogLevel("ERROR")
    return s


def _signatures(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    from article_analyzer import _core as core  # on the executor

    for batch in batches:
        out: dict = {name: [] for name in _SIG_SCHEMA.names}
        for doc, text in zip(batch.column("doc").to_pylist(), batch.column("text").to_pylist()):
            keys, shingles, paragraphs, exact = core.signature(text if isinstance(text, str) else "")
            for name, value in zip(_SIG_SCHEMA.names, (doc, keys, shingles, paragraphs, exact)):
                out[name].append(value)
        yield pa.RecordBatch.from_pydict(out, schema=_SIG_SCHEMA)


def _drop(furniture: Any, sample: int):
    """Drops broadcast furniture shingles from signatures and recomputes their keys."""

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        gone = furniture.value
        for batch in batches:
            out: dict = {name: [] for name in _SIG_SCHEMA.names}
            cols = [batch.column(n).to_pylist() for n in _SIG_SCHEMA.names]
            for doc, _keys, shingles, paragraphs, exact in zip(*cols):
                kept = [(h, p) for h, p in zip(shingles, paragraphs) if h not in gone]
                sh = [h for h, _ in kept]
                out["doc"].append(doc)
                out["keys"].append([h for h in sh if h % sample == 0])
                out["shingles"].append(sh)
                out["paragraphs"].append([p for _, p in kept])
                out["exact"].append(exact)
            yield pa.RecordBatch.from_pydict(out, schema=_SIG_SCHEMA)

    return run


_PAIR_SCHEMA = pa.schema(
    [
        ("a", pa.int64()),
        ("b", pa.int64()),
        ("similarity", pa.float64()),
        ("source", pa.int64()),
        ("copy", pa.bool_()),
    ]
)


def _verify(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    from article_analyzer import _core as core  # on the executor

    for batch in batches:
        c = {n: batch.column(n).to_pylist() for n in batch.schema.names}
        found = [
            core.verify((sa, pa_, ea), (sb, pb, eb))
            for sa, pa_, ea, sb, pb, eb in zip(c["sa"], c["pa"], c["ea"], c["sb"], c["pb"], c["eb"])
        ]
        columns = {
            "a": c["a"],
            "b": c["b"],
            "similarity": [f[2] for f in found],
            "source": [b if f[3] else a for a, b, f in zip(c["a"], c["b"], found)],
            "copy": [f[4] for f in found],
        }
        yield pa.RecordBatch.from_pydict(columns, schema=_PAIR_SCHEMA)


def dedup(
    df: DataFrame,
    text_col: str = "text",
    id_col: str = "id",
    threshold: float = _core.THRESHOLD,
) -> DataFrame:
    """Near-duplicate clusters of a DataFrame's texts: ``DataFrame[id, cluster]``, one row per
    input row. Equal ``cluster`` values are copies; a cluster's id is the smallest input
    position (0-based, in the DataFrame's order) among its rows, as the CLI numbers them.
    A null text counts as an empty one (its own cluster)."""
    for c in (text_col, id_col):
        if c not in df.columns:
            raise ValueError(f"no column {c!r} (columns: {', '.join(df.columns)})")
    spark = df.sparkSession
    indexed = (
        df.select(id_col, text_col)
        .rdd.zipWithIndex()
        .map(lambda r: (r[1], r[0][0], r[0][1]))
        .toDF(
            T.StructType(
                [
                    T.StructField("doc", T.LongType(), False),
                    T.StructField("id", df.schema[id_col].dataType, True),
                    T.StructField("text", T.StringType(), True),
                ]
            )
        )
    )
    n = indexed.count()
    docs = indexed.select("doc", "id")
    if n == 0:
        return docs.select("id", F.col("doc").alias("cluster"))
    sigs = indexed.select("doc", "text").mapInArrow(_signatures, _SIG_DDL).persist()

    # Furniture: the core's document-frequency rule, counted exactly.
    max_df = _core.furniture_df(n)
    furniture = {
        r[0]
        for r in sigs.select(F.explode("shingles").alias("h"))
        .groupBy("h")
        .count()
        .filter(F.col("count") > max_df)
        .select("h")
        .collect()
    }
    if furniture:
        kept = sigs.mapInArrow(_drop(spark.sparkContext.broadcast(furniture), _core.SAMPLE), _SIG_DDL).persist()
        sigs.unpersist()
        sigs = kept

    # Candidates: runs of documents on one sampled key, as the core enumerates them.
    runs = (
        sigs.select("doc", F.explode("keys").alias("key"))
        .groupBy("key")
        .agg(F.sort_array(F.collect_list("doc")).alias("docs"))
        .filter((F.size("docs") >= 2) & (F.size("docs") <= max(max_df, 2)))
    )
    following = F.expr(
        f"slice(docs, i + 2, IF(size(docs) <= {_core.RUN_ALL}, size(docs), {_core.RUN_WINDOW}))"
    )
    shared = (
        runs.select("docs", F.posexplode("docs").alias("i", "a"))
        .select("a", F.explode(following).alias("b"))
        .groupBy("a", "b")
        .count()
        .filter(F.col("count") >= _core.MIN_SHARED)
        .select("a", "b")
    )
    exact = (
        sigs.filter(F.col("exact") != 0)
        .groupBy("exact")
        .agg(F.sort_array(F.collect_list("doc")).alias("docs"))
        .filter(F.size("docs") >= 2)
        .select(F.col("docs")[0].alias("a"), F.explode(F.expr("slice(docs, 2, size(docs))")).alias("b"))
    )
    candidates = shared.union(exact).distinct()

    # Verification on the executors, with the core's comparison.
    sa = sigs.select(F.col("doc").alias("a"), F.col("shingles").alias("sa"), F.col("paragraphs").alias("pa"), F.col("exact").alias("ea"))
    sb = sigs.select(F.col("doc").alias("b"), F.col("shingles").alias("sb"), F.col("paragraphs").alias("pb"), F.col("exact").alias("eb"))
    edges = (
        candidates.join(sa, "a")
        .join(sb, "b")
        .select("a", "b", "sa", "pa", "ea", "sb", "pb", "eb")
        .mapInArrow(_verify, "a long, b long, similarity double, source long, copy boolean")
        .filter((F.col("similarity") >= float(threshold)) & F.col("copy"))
        .persist()
    )

    # Clusters: the core's clustering around sources, run on each connected component.
    components = _components(edges.select("a", "b"))
    labels = (
        edges.join(components.withColumnRenamed("doc", "a"), "a")
        .groupBy("label")
        .applyInPandas(_around_sources(float(threshold)), "doc long, label long")
    )
    out = (
        docs.join(labels, "doc", "left")
        .select("doc", "id", F.coalesce(F.col("label"), F.col("doc")).alias("cluster"))
        .orderBy("doc")
        .select("id", "cluster")
    )
    return out


def _around_sources(threshold: float):
    """The core's clustering (:func:`article_analyzer._core.cluster`) on the pairs of one
    connected component, its documents numbered in input order."""

    def run(pdf):
        import pandas as pd

        from article_analyzer import _core as core  # on the executor

        docs = sorted(set(pdf["a"]).union(pdf["b"]))
        local = {d: i for i, d in enumerate(docs)}
        pairs = [
            (local[a], local[b], float(sim), local[src], True)
            for a, b, sim, src in zip(pdf["a"], pdf["b"], pdf["similarity"], pdf["source"])
        ]
        smallest = core.cluster(len(docs), pairs, threshold)
        return pd.DataFrame({"doc": docs, "label": [docs[r] for r in smallest]})

    return run


def _components(edges: DataFrame) -> DataFrame:
    """Connected components of an edge list (a, b) with DataFrame joins: every node takes the
    smallest label among itself and its neighbours until no label changes. ``(doc, label)``
    for the nodes of the edges; a label is its component's smallest node."""
    both = edges.union(edges.select(F.col("b").alias("a"), F.col("a").alias("b"))).persist()
    labels = both.groupBy(F.col("a").alias("doc")).agg(F.least(F.col("a"), F.min("b")).alias("label"))
    labels = labels.groupBy("doc").agg(F.min("label").alias("label")).localCheckpoint()
    while True:
        pushed = both.join(labels.withColumnRenamed("doc", "a"), "a").select(F.col("b").alias("doc"), "label")
        new = labels.union(pushed).groupBy("doc").agg(F.min("label").alias("label")).localCheckpoint()
        changed = new.join(labels.withColumnRenamed("label", "old"), "doc").filter(F.col("label") != F.col("old")).count()
        labels = new
        if changed == 0:
            both.unpersist()
            return labels


_ENTITY = T.ArrayType(
    T.StructType(
        [
            T.StructField("start", T.IntegerType()),
            T.StructField("end", T.IntegerType()),
            T.StructField("label", T.StringType()),
            T.StructField("text", T.StringType()),
        ]
    )
)


def clean_column(col: "Column | str") -> Column:
    """A column of cleaned texts (:func:`article_analyzer.clean`); null stays null."""
    f = F.udf(lambda t: None if t is None else _clean(t), T.StringType())
    return f(col)


def entities_column(col: "Column | str") -> Column:
    """A column of entity lists (:func:`article_analyzer.entities`): start, end (code points),
    label, text; null stays null."""
    f = F.udf(lambda t: None if t is None else _entities(t), _ENTITY)
    return f(col)


def _read_jsonl(lines: Iterable[str], skip_bad: bool) -> Tuple[List[Tuple[int, str, str]], int, Optional[str]]:
    """(position, id as JSON, text) per good line; the count of skipped lines and the first
    one's message. Without ``skip_bad`` a bad line raises ``ValueError`` naming it."""
    rows: List[Tuple[int, str, str]] = []  # (position, id as JSON, text)
    skipped, first = 0, None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f"line {number}: not JSON: {e}") from None
            text = record.get("text") if isinstance(record, dict) else None
            if not isinstance(text, str):
                raise ValueError(f'line {number}: no "text" string')
        except ValueError as e:
            if not skip_bad:
                raise
            skipped += 1
            first = first or str(e)
            continue
        rows.append((len(rows), json.dumps(record.get("id"), ensure_ascii=False, separators=(",", ":")), text))
    return rows, skipped, first


def main(argv: Optional[List[str]] = None) -> int:
    """``python -m article_analyzer.spark dedup --jsonl``: {"id","text"} lines on stdin, one
    {"id","cluster"} line per input line on stdout, in input order (as the CLI's ``dedup``)."""
    p = argparse.ArgumentParser(prog="python -m article_analyzer.spark", description=main.__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dedup", help="cluster near-duplicate texts of JSON Lines on stdin")
    d.add_argument("--jsonl", action="store_true", required=True, help="JSON Lines in and out (the only mode)")
    d.add_argument("--master", default="local[*]", help="Spark master URL (default: local[*])")
    d.add_argument("--threshold", type=float, default=_core.THRESHOLD, help="similarity from which texts are copies")
    d.add_argument("--skip-bad", action="store_true", help="skip malformed lines (counted) instead of stopping")
    args = p.parse_args(argv)
    stdin = open(sys.stdin.fileno(), encoding="utf-8", errors="strict", closefd=False)
    try:
        rows, skipped, first = _read_jsonl(stdin, args.skip_bad)
    except (ValueError, UnicodeDecodeError) as e:
        print(f"article-analyzer: {e}", file=sys.stderr)
        return 2
    if skipped:
        print(f"article-analyzer: skipped {skipped} bad line(s); the first, {first}", file=sys.stderr)
    if not rows:
        return 0
    s = session(args.master)
    try:
        # Small partitions (about 1,000 texts each), so no task holds much text at once.
        rdd = s.sparkContext.parallelize([(i, t) for _, i, t in rows], max(2, len(rows) // 1000))
        df = s.createDataFrame(rdd, "id string, text string")
        result = dedup(df, threshold=args.threshold).collect()
    finally:
        s.stop()
    out = sys.stdout
    for r in result:  # keys in the CLI's order (serde_json sorts them)
        out.write('{"cluster":' + str(r["cluster"]) + ',"id":' + r["id"] + "}\n")
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
