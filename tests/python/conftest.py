"""Shared fixtures of the Python tests: the seeds (tests/fixtures) and the built CLI."""

import json
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "tests" / "fixtures").glob("0*.txt"))
CLI = ROOT / "target" / "release" / "article-analyzer"


@pytest.fixture(scope="session")
def seeds():
    return [p.read_text(encoding="utf-8") for p in SEEDS]


@pytest.fixture(scope="session")
def cli():
    """Runs the CLI built by `cargo build --release` (scripts/test.sh builds it first)."""
    if not CLI.exists():
        pytest.fail(f"{CLI} is missing: run `cargo build --release` first")

    def run(args, stdin: str) -> str:
        done = subprocess.run([str(CLI), *args], input=stdin.encode(), capture_output=True, check=True)
        return done.stdout.decode()

    return run


def jsonl(records) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def corpus(seeds):
    """A small dedup corpus from the seeds: each seed, a truncated copy, a copy with a
    changed sentence and its own footer, and a shuffled unrelated text."""
    docs = []
    for i, s in enumerate(seeds):
        paras = [p for p in s.split("\n") if p.strip()]
        docs.append(s)
        docs.append("\n".join(paras[: max(3, len(paras) * 2 // 3)]))
        docs.append(s.replace(" the ", " a ", 3) + "\nCopyright the Example Herald. All rights reserved.\n")
        docs.append(" ".join(reversed(s.split()))[:2000])
    return docs
