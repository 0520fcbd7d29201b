//! First version of the name finder: runs of capitalised words, typed by their context.
//! (Replaced by the trained tagger.)

use super::{Entity, Label};
use crate::text::words;

const TITLES: &[&str] = &["President", "Minister", "Mr", "Mrs", "Ms", "Dr", "aide", "spokesperson", "envoy", "Secretary", "leader"];
const ORG_WORDS: &[&str] = &["House", "Court", "Department", "Times", "Journal", "Agency", "Kremlin", "Party", "Council", "Union", "Bank", "News", "Reuters", "Interfax", "NATO"];
const STOP: &[&str] = &["The", "A", "An", "This", "That", "It", "He", "She", "They", "We", "I", "But", "And", "If", "In", "On", "At", "As", "For", "However", "While", "When", "Since", "After"];

/// Finds capitalised-name spans.
pub fn find(text: &str) -> Vec<Entity> {
    let ws: Vec<(usize, usize)> = words(text).collect();
    let cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase) && !STOP.contains(&w);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let w = &text[ws[i].0..ws[i].1];
        if !cap(w) || TITLES.contains(&w) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < ws.len()
            && cap(&text[ws[j].0..ws[j].1])
            && text[ws[j - 1].1..ws[j].0].chars().all(|c| c == ' ')
        {
            j += 1;
        }
        // "Russian President Vladimir Putin": the name starts after the last title word.
        if let Some(t) = (i..j).rev().find(|&k| TITLES.contains(&&text[ws[k].0..ws[k].1])) {
            if t + 1 < j {
                i = t + 1;
            }
        }
        let (start, end) = (ws[i].0, ws[j - 1].1);
        let span = &text[start..end];
        let prev = if i > 0 { &text[ws[i - 1].0..ws[i - 1].1] } else { "" };
        let label = if span.split(' ').any(|p| ORG_WORDS.contains(&p)) {
            Label::Org
        } else if TITLES.contains(&prev) || j - i >= 2 {
            Label::Per
        } else {
            Label::Misc
        };
        out.push(Entity { start, end, label });
        i = j;
    }
    out
}
