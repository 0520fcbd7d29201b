//! Decoding: the bytes of a dropped file into text.
//!
//! Order of evidence: a byte-order mark (UTF-8, UTF-16 LE/BE); then binary sniffing (magic
//! numbers and NUL/control density, so a PNG renamed `.txt` is refused rather than shown as
//! garbage); then strict UTF-8; then Windows-1252 (a superset of printable Latin-1, which is
//! what WHATWG's decoders use for "latin1" as well). HTML files are rendered to text.

use crate::error::{Error, Result};
use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};
use serde::Serialize;

/// Largest input accepted, in bytes. Larger files are refused with a clear message.
pub const MAX_BYTES: usize = 256 * 1024 * 1024;

/// Text decoded from bytes, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The encoding found: "utf-8", "utf-16le", "utf-16be" or "windows-1252".
    pub encoding: &'static str,
    /// True when the input was HTML and was rendered to text.
    pub html: bool,
}

/// Magic numbers of common binary formats users drop by mistake.
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG", "a PNG image"),
    (b"%PDF", "a PDF document"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1F\x8B", "a gzip archive"),
    (b"\x7FELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"RIFF", "a media file"),
    (b"\0asm", "a WebAssembly module"),
    (b"\xD0\xCF\x11\xE0", "an old Office document"),
];

/// Decodes a file's bytes. `name` is used only to recognise HTML and in messages.
pub fn decode(bytes: &[u8], name: &str) -> Result<Decoded> {
    check(bytes, name)?;
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (decode_utf8_or_1252(rest).0, "utf-8")
    } else if bytes.starts_with(b"\xFF\xFE") {
        (UTF_16LE.decode_with_bom_removal(bytes).0.into_owned(), "utf-16le")
    } else if bytes.starts_with(b"\xFE\xFF") {
        (UTF_16BE.decode_with_bom_removal(bytes).0.into_owned(), "utf-16be")
    } else {
        if let Some(what) = sniff_binary(bytes) {
            return Err(Error::binary(format!("{name} is not text: it looks like {what}")));
        }
        decode_utf8_or_1252(bytes)
    };
    let lower = name.to_ascii_lowercase();
    let looks_html = lower.ends_with(".html")
        || lower.ends_with(".htm")
        || text.trim_start().get(..15).is_some_and(|h| {
            let h = h.to_ascii_lowercase();
            h.starts_with("<!doctype html") || h.starts_with("<html")
        });
    if looks_html {
        return Ok(Decoded { text: html_to_text(&text), encoding, html: true });
    }
    Ok(Decoded { text, encoding, html: false })
}

/// Refuses input that is too large or binary (before any decoding).
pub fn check(bytes: &[u8], name: &str) -> Result<()> {
    if bytes.len() > MAX_BYTES {
        return Err(Error::too_large(format!(
            "{name} is {} MB; the limit is {} MB per file",
            bytes.len() / (1024 * 1024),
            MAX_BYTES / (1024 * 1024)
        )));
    }
    let bom = bytes.starts_with(b"\xEF\xBB\xBF") || bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    if !bom {
        if let Some(what) = sniff_binary(bytes) {
            return Err(Error::binary(format!("{name} is not text: it looks like {what}")));
        }
    }
    Ok(())
}

fn decode_utf8_or_1252(bytes: &[u8]) -> (String, &'static str) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_owned(), "utf-8"),
        Err(_) => (WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(), "windows-1252"),
    }
}

/// Names the binary format of `bytes`, if they are not text.
fn sniff_binary(bytes: &[u8]) -> Option<&'static str> {
    if let Some((_, what)) = MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Some(what);
    }
    // Text has no NULs and few C0 controls; judge on the first 8 KB.
    let head = &bytes[..bytes.len().min(8192)];
    let nul = head.iter().filter(|&&b| b == 0).count();
    let ctrl = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)).count();
    if nul > 0 || ctrl * 20 > head.len().max(1) {
        return Some("binary data");
    }
    None
}

/// Renders HTML to text roughly as a browser's `innerText` does: drops script, style and
/// other invisible elements, turns block elements into line breaks and decodes entities.
pub fn html_to_text(html: &str) -> String {
    const HIDDEN: [&str; 6] = ["script", "style", "noscript", "template", "head", "svg"];
    const BLOCK: [&str; 24] = [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "aside",
        "blockquote",
        "pre",
        "figure",
        "figcaption",
    ];
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_text(&mut out, &rest[..lt]);
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            rest = rest.find("-->").map_or("", |i| &rest[i + 3..]);
            continue;
        }
        // As in browsers, "<" starts a tag only before a letter, "/", "!" or "?"; otherwise
        // ("a < b", "<3") it is text.
        if !rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?')) {
            out.push('<');
            rest = &rest[1..];
            continue;
        }
        let Some(gt) = rest.find('>') else {
            push_text(&mut out, rest);
            rest = "";
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if !closing && HIDDEN.contains(&name.as_str()) && !tag.ends_with('/') {
            rest = match find_ascii_ci(rest, &format!("</{name}")) {
                Some(i) => rest[i..].find('>').map_or("", |j| &rest[i + j + 1..]),
                None => "",
            };
            continue;
        }
        if BLOCK.contains(&name.as_str()) && !out.ends_with('\n') && !out.is_empty() {
            out.push('\n');
        }
    }
    push_text(&mut out, rest);
    let lines: Vec<&str> = out.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    lines.join("\n") + "\n"
}

/// Byte offset of the first ASCII-case-insensitive occurrence of `needle` (ASCII) in
/// `hay`, without lowercasing a copy of `hay` (pages can hold thousands of script tags).
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let first = n.first()?.to_ascii_lowercase();
    (0..h.len().saturating_sub(n.len() - 1))
        .filter(|&i| h[i].to_ascii_lowercase() == first)
        .find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Appends HTML text with whitespace collapsed and entities decoded.
fn push_text(out: &mut String, text: &str) {
    let mut rest = text;
    while !rest.is_empty() {
        let next = rest.find(|c: char| c == '&' || c.is_whitespace()).unwrap_or(rest.len());
        out.push_str(&rest[..next]);
        rest = &rest[next..];
        let Some(c) = rest.chars().next() else { break };
        if c.is_whitespace() {
            if !out.ends_with([' ', '\n']) && !out.is_empty() {
                out.push(' ');
            }
            rest = rest.trim_start();
        } else if let Some((decoded, len)) = entity(rest) {
            out.push(decoded);
            rest = &rest[len..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
}

/// Decodes one `&...;` entity at the start of `s`: (character, bytes consumed).
fn entity(s: &str) -> Option<(char, usize)> {
    // Search bytes, not a str slice: byte 12 may fall inside a multi-byte character.
    let end = s.bytes().take(12).position(|b| b == b';')?;
    let body = &s[1..end];
    let c = match body {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "rsquo" => '’',
        "lsquo" => '‘',
        "rdquo" => '”',
        "ldquo" => '“',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        _ => {
            let num = body.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code).filter(|&c| c != '\0')?
        }
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        assert_eq!(decode("Putin’s".as_bytes(), "a.txt").unwrap().encoding, "utf-8");
        let bom = [b"\xEF\xBB\xBF".as_slice(), "é".as_bytes()].concat();
        assert_eq!(decode(&bom, "a.txt").unwrap().text, "é");
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("Hi 😀".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&utf16, "a.txt").unwrap().text, "Hi 😀");
        let d = decode(b"caf\xE9 \x93quoted\x94", "a.txt").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("café “quoted”", "windows-1252"));
    }

    #[test]
    fn binary_is_refused() {
        let e = decode(b"\x89PNG\r\n\x1a\n\0\0\0", "photo.txt").unwrap_err();
        assert!(e.is_binary());
        assert!(e.to_string().contains("PNG"));
        assert!(decode(b"abc\0\0\0def", "x.txt").unwrap_err().is_binary());
        assert_eq!(decode(b"", "empty.txt").unwrap().text, "");
    }

    #[test]
    fn html_renders_to_text() {
        let d = decode(
            b"<html><head><title>T</title><style>p{}</style></head><body><p>One &amp; two</p>\
              <script>alert(1)</script><div>Three&nbsp;&#8217;s</div></body></html>",
            "page.html",
        )
        .unwrap();
        assert_eq!(d.text, "One & two\nThree ’s\n");
    }

    #[test]
    fn html_lone_angle_brackets_are_text_and_hidden_tags_close_in_any_case() {
        let t = html_to_text("<p>If a < b and 3<4, I <3 it</p><SCRIPT>x()</ScRiPt><p>é <style>p{}</STYLE>end</p>");
        assert_eq!(t, "If a < b and 3<4, I <3 it\né end\n");
        // Thousands of script tags stay linear (this took seconds when each one lowercased
        // the rest of the page).
        let page = "<script>var a = 1;</script><p>Text.</p>".repeat(20_000);
        assert_eq!(html_to_text(&page).lines().count(), 20_000);
    }
}
