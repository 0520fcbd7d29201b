//! The Python boundary (`article_analyzer._core`): glue over the core, like `src/wasm.rs`
//! for the page. Views cross as the JSON the CLI prints (the same serde views, code point
//! offsets), so the package's output equals the CLI's byte for byte; `article_analyzer`
//! (python/article_analyzer/__init__.py) decodes it. The GIL is released while the core
//! works. The core's one error type is mapped to `ValueError` in one function (`py_err`).

use article_analyzer::clean::{self, CleanOptions, EditKind, Rule};
use article_analyzer::dedup::signature::{self, Signature};
use article_analyzer::dedup::{self, DedupOptions, Pair, RUN_ALL, RUN_WINDOW};
use article_analyzer::pipeline::{self, Unit};
use article_analyzer::session::parse_rules;
use article_analyzer::Error;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use std::collections::HashSet;

/// The one mapping of core errors to Python exceptions.
fn py_err(e: Error) -> PyErr {
    PyValueError::new_err(e.to_string())
}

fn json<T: serde::Serialize>(value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| PyValueError::new_err(format!("internal: {e}")))
}

/// Rules switched off: `disabled` by name, and every line removal when `repairs_only`.
fn clean_options(disabled: Vec<String>, repairs_only: bool) -> PyResult<CleanOptions> {
    let mut off: HashSet<Rule> = parse_rules(&disabled).map_err(py_err)?;
    if repairs_only {
        off.extend(Rule::ALL.into_iter().filter(|r| r.kind() == EditKind::Remove));
    }
    Ok(CleanOptions { disabled: off, ..CleanOptions::default() })
}

/// The cleaned text of one page.
#[pyfunction]
#[pyo3(name = "clean")]
#[pyo3(signature = (text, disabled = Vec::new(), repairs_only = false))]
fn py_clean(py: Python<'_>, text: &str, disabled: Vec<String>, repairs_only: bool) -> PyResult<String> {
    let options = clean_options(disabled, repairs_only)?;
    Ok(py.detach(|| clean::clean_with(text, &options).text))
}

/// Every proposed edit of one page, as JSON (the CLI's `clean --edits` lines, as an array).
#[pyfunction]
#[pyo3(signature = (text, disabled = Vec::new(), repairs_only = false))]
fn clean_edits_json(py: Python<'_>, text: &str, disabled: Vec<String>, repairs_only: bool) -> PyResult<String> {
    let options = clean_options(disabled, repairs_only)?;
    json(&py.detach(|| pipeline::edit_views(text, &clean::clean_with(text, &options), Unit::Chars)))
}

/// One page's HTML cleaned, as JSON (the CLI's `clean --jsonl` answer to an `html` record).
#[pyfunction]
#[pyo3(signature = (html, disabled = Vec::new(), repairs_only = false))]
fn clean_html_json(py: Python<'_>, html: &str, disabled: Vec<String>, repairs_only: bool) -> PyResult<String> {
    let options = clean_options(disabled, repairs_only)?;
    json(&py.detach(|| pipeline::cleaned_html_view(html, &options, Unit::Chars)))
}

/// The entities of a text as given, as JSON (the CLI's `entities` field).
#[pyfunction]
fn entities_json(py: Python<'_>, text: &str) -> PyResult<String> {
    json(&py.detach(|| pipeline::entity_spans(text, Unit::Chars)))
}

/// The quotes of a text as given, as JSON (the CLI's `quotes` field).
#[pyfunction]
fn quotes_json(py: Python<'_>, text: &str) -> PyResult<String> {
    json(&py.detach(|| pipeline::quote_spans(text, Unit::Chars)))
}

/// A cluster id per text (the smallest index of its cluster), as the CLI's `dedup`.
#[pyfunction]
#[pyo3(name = "dedup")]
#[pyo3(signature = (texts, threshold = DedupOptions::default().threshold))]
fn py_dedup(py: Python<'_>, texts: Vec<String>, threshold: f32) -> Vec<usize> {
    py.detach(|| {
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        dedup::dedup(&refs, &DedupOptions { threshold, ..DedupOptions::default() }).cluster
    })
}

/// A document's dedup signature: (sampled keys, shingles, their paragraphs, exact key).
/// Hashes are returned as signed 64-bit values (Spark's `long`).
#[pyfunction]
#[pyo3(name = "signature")]
fn py_signature(py: Python<'_>, text: &str) -> (Vec<i64>, Vec<i64>, Vec<u16>, i64) {
    py.detach(|| {
        let opts = DedupOptions::default();
        let s = Signature::of(text, &opts);
        let keys = s.keys(&opts).map(i64::from).collect();
        (keys, s.shingles.iter().map(|&h| i64::from(h)).collect(), s.paragraphs, s.exact as i64)
    })
}

/// A signature from the Python side, checked.
fn to_signature(shingles: Vec<i64>, paragraphs: Vec<u16>, exact: i64) -> PyResult<Signature> {
    if shingles.len() != paragraphs.len() {
        return Err(PyValueError::new_err("a signature needs one paragraph per shingle"));
    }
    let shingles: Vec<u32> = shingles
        .into_iter()
        .map(|h| u32::try_from(h).map_err(|_| PyValueError::new_err(format!("{h} is not a shingle hash"))))
        .collect::<PyResult<_>>()?;
    if shingles.windows(2).any(|w| w[0] >= w[1]) {
        return Err(PyValueError::new_err("a signature's shingles must be ascending and distinct"));
    }
    Ok(Signature { shingles, paragraphs, exact: exact as u64 })
}

/// (Jaccard, containment, similarity, b is the source, reads as a copy) of two signatures, as
/// dedup verifies a pair.
#[pyfunction]
#[pyo3(name = "verify")]
fn py_verify(
    py: Python<'_>,
    a: (Vec<i64>, Vec<u16>, i64),
    b: (Vec<i64>, Vec<u16>, i64),
) -> PyResult<(f32, f32, f32, bool, bool)> {
    let (a, b) = (to_signature(a.0, a.1, a.2)?, to_signature(b.0, b.1, b.2)?);
    let s = py.detach(|| signature::verify(&a, &b));
    Ok((s.jaccard, s.containment, s.similarity, s.b_is_source, s.copy))
}

/// Clusters `n` documents around sources from verified pairs `(a, b, similarity, source,
/// copy)` (indices in `0..n`, a < b), as dedup does: the smallest index of each document's
/// cluster. The Spark job runs it on each connected component.
#[pyfunction]
#[pyo3(name = "cluster")]
fn py_cluster(
    py: Python<'_>,
    n: usize,
    pairs: Vec<(usize, usize, f32, usize, bool)>,
    threshold: f32,
) -> PyResult<Vec<usize>> {
    if let Some(&(a, b, ..)) = pairs.iter().find(|p| p.0 >= p.1 || p.1 >= n || (p.3 != p.0 && p.3 != p.1)) {
        return Err(PyValueError::new_err(format!("pair ({a}, {b}) is not a < b < n with its source among them")));
    }
    let pairs: Vec<Pair> = pairs
        .into_iter()
        .map(|(a, b, similarity, source, copy)| Pair { a, b, jaccard: 0.0, containment: 0.0, similarity, source, copy })
        .collect();
    Ok(py.detach(|| dedup::cluster(n, &pairs, threshold)))
}

/// Shingles in more than this many of `n` documents are furniture.
#[pyfunction]
fn furniture_df(n: usize) -> usize {
    dedup::furniture_df(n)
}

/// The rule names with their kinds ("remove", "repair", "flag").
#[pyfunction]
fn rules() -> Vec<(&'static str, &'static str)> {
    Rule::ALL.iter().map(|r| (r.name(), r.kind().name())).collect()
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(py_clean, m)?)?;
    m.add_function(wrap_pyfunction!(clean_edits_json, m)?)?;
    m.add_function(wrap_pyfunction!(clean_html_json, m)?)?;
    m.add_function(wrap_pyfunction!(entities_json, m)?)?;
    m.add_function(wrap_pyfunction!(quotes_json, m)?)?;
    m.add_function(wrap_pyfunction!(py_dedup, m)?)?;
    m.add_function(wrap_pyfunction!(py_signature, m)?)?;
    m.add_function(wrap_pyfunction!(py_verify, m)?)?;
    m.add_function(wrap_pyfunction!(furniture_df, m)?)?;
    m.add_function(wrap_pyfunction!(py_cluster, m)?)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    let d = DedupOptions::default();
    m.add("SAMPLE", d.sample)?;
    m.add("MIN_SHARED", d.min_shared)?;
    m.add("THRESHOLD", d.threshold)?;
    m.add("RUN_ALL", RUN_ALL)?;
    m.add("RUN_WINDOW", RUN_WINDOW)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
