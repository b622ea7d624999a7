//! WinAnsi conversion, Helvetica metrics and text fitting (shrink, wrap, ellipsis).

use std::ops::Range;

use super::metrics::{HELVETICA_BOLD_WIDTHS, HELVETICA_WIDTHS};

/// WinAnsi code of the horizontal ellipsis `…`.
pub(crate) const ELLIPSIS: u8 = 0x85;

/// Converts a Rust string to WinAnsiEncoding (Windows-1252) bytes.
///
/// * ASCII and Latin-1 (U+00A0–U+00FF) map to themselves.
/// * The WinAnsi extras in 0x80–0x9F (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ)
///   map to their codes.
/// * Latin Extended-A (U+0100–U+017F) and a few Latin Extended-B letters (ș ț ǎ ǐ ǒ ǔ ǧ …)
///   fall back to their base letter (ł → l, ő → o, ș → s, İ → I, Ĳ → IJ …).
/// * Combining diacritics (decomposed text, e.g. `e` + U+0301) are composed into the
///   Latin-1 letter when one exists, otherwise dropped (the base letter stays).
/// * Unicode spaces become a space (narrow/figure no-break spaces become NBSP), Unicode
///   hyphens and the minus sign become `-`, zero-width characters and C0/C1 controls are
///   dropped (tab, CR and LF become a space).
/// * Other letters (Greek, Cyrillic, Arabic, CJK, Vietnamese …) are transliterated to Latin
///   by `deunicode`, as badges and travel documents do (Иван → Ivan, 王 → Wang), without
///   doubled spaces; anything else (emoji, symbols) becomes `?`.
pub fn to_winansi(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut after_transliteration = false;
    for c in s.chars() {
        if after_transliteration && c == ' ' && out.last() == Some(&b' ') {
            continue; // "王 " → "Wang " already ends with the word space
        }
        after_transliteration = push_char(&mut out, c);
    }
    // A transliteration's word space at the very end ("王" → "Wang ") is not the person's.
    if out.last() == Some(&b' ') && !s.ends_with(char::is_whitespace) {
        out.pop();
    }
    out
}

/// Pushes `c`'s WinAnsi bytes; answers whether it was transliterated.
fn push_char(out: &mut Vec<u8>, c: char) -> bool {
    let u = c as u32;
    match u {
        0x20..=0x7E | 0xA0..=0xFF => out.push(u as u8),
        0x09 | 0x0A | 0x0D => out.push(b' '),
        0x00..=0x1F | 0x7F..=0x9F => {}
        _ => {
            if let Some(b) = winansi_extra(u) {
                out.push(b);
            } else if is_combining_mark(u) {
                if let Some(last) = out.last_mut()
                    && let Some(composed) = compose(*last, u)
                {
                    *last = composed;
                }
            } else if (0x0100..=0x017F).contains(&u) && u != 0x0132 && u != 0x0133 {
                out.push(LATIN_EXT_A[(u - 0x0100) as usize]);
            } else if let Some(s) = fallback(u) {
                out.extend_from_slice(s.as_bytes());
            } else if let Some(latin) = c
                .is_alphabetic()
                .then(|| deunicode::deunicode_char(c))
                .flatten()
                .filter(|t| !t.trim().is_empty())
            {
                for b in latin.bytes() {
                    if !(b == b' ' && matches!(out.last(), Some(b' ') | None)) {
                        out.push(b);
                    }
                }
                return true;
            } else {
                out.push(b'?');
            }
        }
    }
    false
}

/// The WinAnsi characters in 0x80–0x9F (plus none other) that are not Latin-1.
fn winansi_extra(u: u32) -> Option<u8> {
    Some(match u {
        0x20AC => 0x80, // €
        0x201A => 0x82, // ‚
        0x0192 => 0x83, // ƒ
        0x201E => 0x84, // „
        0x2026 => 0x85, // …
        0x2020 => 0x86, // †
        0x2021 => 0x87, // ‡
        0x02C6 => 0x88, // ˆ
        0x2030 => 0x89, // ‰
        0x0160 => 0x8A, // Š
        0x2039 => 0x8B, // ‹
        0x0152 => 0x8C, // Œ
        0x017D => 0x8E, // Ž
        0x2018 => 0x91, // ‘
        0x2019 => 0x92, // ’
        0x201C => 0x93, // “
        0x201D => 0x94, // ”
        0x2022 => 0x95, // •
        0x2013 => 0x96, // –
        0x2014 => 0x97, // —
        0x02DC => 0x98, // ˜
        0x2122 => 0x99, // ™
        0x0161 => 0x9A, // š
        0x203A => 0x9B, // ›
        0x0153 => 0x9C, // œ
        0x017E => 0x9E, // ž
        0x0178 => 0x9F, // Ÿ
        // Look-alikes that have an exact WinAnsi glyph.
        0x02BC => 0x92,                   // ʼ modifier letter apostrophe
        0x02BB => 0x91,                   // ʻ modifier letter turned comma
        0x201B => 0x91,                   // ‛
        0x201F => 0x93,                   // ‟
        0x2012 => 0x96,                   // ‒ figure dash
        0x2015 => 0x97,                   // ― horizontal bar
        0x202F | 0x2007 | 0x2060 => 0xA0, // narrow / figure no-break space, word joiner
        _ => return None,
    })
}

/// Base letters of Latin Extended-A, U+0100..=U+017F (entries that have an exact WinAnsi
/// code — Œ œ Š š Ÿ Ž ž — are handled before this table is consulted).
const LATIN_EXT_A: &[u8; 128] = b"AaAaAaCcCcCcCcDd\
DdEeEeEeEeEeGgGg\
GgGgHhHhIiIiIiIi\
IiIiJjKkkLlLlLlL\
lLlNnNnNnnNnOoOo\
OoOoRrRrRrSsSsSs\
SsTtTtTtUuUuUuUu\
UuUuWwYyYZzZzZzs";

fn fallback(u: u32) -> Option<&'static str> {
    Some(match u {
        0x0132 => "IJ",
        0x0133 => "ij",
        0x0218 => "S", // Ș
        0x0219 => "s", // ș
        0x021A => "T", // Ț
        0x021B => "t", // ț
        0x01CD => "A", // Ǎ
        0x01CE => "a",
        0x01CF => "I", // Ǐ
        0x01D0 => "i",
        0x01D1 => "O", // Ǒ
        0x01D2 => "o",
        0x01D3 => "U", // Ǔ
        0x01D4 => "u",
        0x01E6 => "G", // Ǧ
        0x01E7 => "g",
        0x01E8 => "K", // Ǩ
        0x01E9 => "k",
        0x0180 => "b", // ƀ
        0x0197 => "I", // Ɨ
        0x01B5 => "Z", // Ƶ
        0x01B6 => "z",
        0x1E9E => "SS", // ẞ
        0x2000..=0x200A | 0x205F | 0x3000 => " ",
        0x200B..=0x200D | 0xFEFF => "",
        0xFE00..=0xFE0F => "", // variation selectors
        0x2010 | 0x2011 | 0x2043 | 0x2212 => "-",
        0x2024 => ".",
        0x2032 => "'",
        0x2033 => "\"",
        0x2044 => "/",
        _ => return None,
    })
}

fn is_combining_mark(u: u32) -> bool {
    matches!(
        u,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F
    )
}

/// Canonical composition of a WinAnsi base letter with a combining mark, when the result
/// exists in WinAnsi.
fn compose(base: u8, mark: u32) -> Option<u8> {
    const GRAVE: u32 = 0x300;
    const ACUTE: u32 = 0x301;
    const CIRC: u32 = 0x302;
    const TILDE: u32 = 0x303;
    const DIAER: u32 = 0x308;
    const RING: u32 = 0x30A;
    const CARON: u32 = 0x30C;
    const CEDIL: u32 = 0x327;
    let upper = base.to_ascii_uppercase();
    let lower = base.is_ascii_lowercase();
    let composed_upper: u8 = match (upper, mark) {
        (b'A', GRAVE) => 0xC0,
        (b'A', ACUTE) => 0xC1,
        (b'A', CIRC) => 0xC2,
        (b'A', TILDE) => 0xC3,
        (b'A', DIAER) => 0xC4,
        (b'A', RING) => 0xC5,
        (b'C', CEDIL) => 0xC7,
        (b'E', GRAVE) => 0xC8,
        (b'E', ACUTE) => 0xC9,
        (b'E', CIRC) => 0xCA,
        (b'E', DIAER) => 0xCB,
        (b'I', GRAVE) => 0xCC,
        (b'I', ACUTE) => 0xCD,
        (b'I', CIRC) => 0xCE,
        (b'I', DIAER) => 0xCF,
        (b'N', TILDE) => 0xD1,
        (b'O', GRAVE) => 0xD2,
        (b'O', ACUTE) => 0xD3,
        (b'O', CIRC) => 0xD4,
        (b'O', TILDE) => 0xD5,
        (b'O', DIAER) => 0xD6,
        (b'U', GRAVE) => 0xD9,
        (b'U', ACUTE) => 0xDA,
        (b'U', CIRC) => 0xDB,
        (b'U', DIAER) => 0xDC,
        (b'Y', ACUTE) => 0xDD,
        (b'Y', DIAER) => return Some(if lower { 0xFF } else { 0x9F }),
        (b'S', CARON) => return Some(if lower { 0x9A } else { 0x8A }),
        (b'Z', CARON) => return Some(if lower { 0x9E } else { 0x8E }),
        _ => return None,
    };
    Some(if lower {
        composed_upper + 0x20
    } else {
        composed_upper
    })
}

/// One of the two standard fonts used on the badge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Font {
    Regular,
    Bold,
}

impl Font {
    fn widths(self) -> &'static [u16; 224] {
        match self {
            Font::Regular => &HELVETICA_WIDTHS,
            Font::Bold => &HELVETICA_BOLD_WIDTHS,
        }
    }

    /// Advance width of one WinAnsi code, in 1/1000 em.
    pub(crate) fn glyph_width(self, code: u8) -> u32 {
        if code < 32 {
            0
        } else {
            u32::from(self.widths()[usize::from(code - 32)])
        }
    }

    /// Width of WinAnsi text at `size` points, in points.
    pub(crate) fn text_width(self, text: &[u8], size: f32) -> f32 {
        let units: u32 = text.iter().map(|&b| self.glyph_width(b)).sum();
        units as f32 * size / 1000.0
    }
}

/// How a text must be fitted into its box.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FitSpec {
    pub font: Font,
    pub max_size: f32,
    pub min_size: f32,
    pub max_width: f32,
    pub max_lines: usize,
}

/// Text fitted into a box: a font size and at most `max_lines` lines, each no wider than
/// `max_width` at that size.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct TextBlock {
    pub font: Font,
    pub size: f32,
    pub lines: Vec<Vec<u8>>,
    /// True when text had to be cut and ends with an ellipsis.
    pub truncated: bool,
}

impl TextBlock {
    /// Distance between two baselines.
    pub(crate) fn leading(&self) -> f32 {
        self.size * 1.18
    }
}

/// Before wrapping onto more lines, a single line may shrink to this share of the
/// maximum size.
const SHRINK_BEFORE_WRAP: f32 = 0.8;

/// Fits WinAnsi `text` into the box described by `spec`: first a single line shrunk down
/// to 80 % of the maximum size, then greedy word-wrapping onto up to `max_lines` lines
/// while shrinking down to the minimum size, and finally truncation of the last line with
/// an ellipsis at the minimum size.
pub(crate) fn fit_text(text: &[u8], spec: &FitSpec) -> TextBlock {
    let words: Vec<&[u8]> = text
        .split(|&b| b == b' ')
        .filter(|w| !w.is_empty())
        .collect();
    let font = spec.font;
    let min_size = spec.min_size.min(spec.max_size);
    let max_lines = spec.max_lines.max(1);
    if words.is_empty() {
        return TextBlock {
            font,
            size: spec.max_size,
            lines: Vec::new(),
            truncated: false,
        };
    }
    let single = words.join(&b' ');
    // Sizes from max to min in half-point steps (integers avoid float drift).
    let sizes = || {
        let hi = (spec.max_size * 2.0).round() as i32;
        let lo = (min_size * 2.0).round() as i32;
        (lo..=hi).rev().map(|h| h as f32 / 2.0)
    };
    let one_line_floor = if max_lines == 1 {
        min_size
    } else {
        (spec.max_size * SHRINK_BEFORE_WRAP).max(min_size)
    };
    for size in sizes().filter(|&s| s >= one_line_floor) {
        if font.text_width(&single, size) <= spec.max_width {
            return TextBlock {
                font,
                size,
                lines: vec![single],
                truncated: false,
            };
        }
    }
    if max_lines > 1 {
        for size in sizes() {
            let ranges = wrap(&single, font, size, spec.max_width);
            if ranges.len() <= max_lines {
                return TextBlock {
                    font,
                    size,
                    lines: ranges.into_iter().map(|r| single[r].to_vec()).collect(),
                    truncated: false,
                };
            }
        }
    }
    // Nothing fits: minimum size, keep the first lines and cut the rest (from where the
    // kept lines stop) with an ellipsis.
    let size = min_size;
    let ranges = wrap(&single, font, size, spec.max_width);
    let mut lines: Vec<Vec<u8>> = ranges
        .iter()
        .take(max_lines - 1)
        .map(|r| single[r.clone()].to_vec())
        .collect();
    let rest_start = ranges.get(max_lines - 1).map_or(single.len(), |r| r.start);
    lines.push(ellipsize(&single[rest_start..], font, size, spec.max_width));
    TextBlock {
        font,
        size,
        lines,
        truncated: true,
    }
}

/// Greedy word wrap of `text` (words separated by single spaces) into line ranges; a word
/// wider than the box is broken between characters. Lines never start or end with the
/// separating space.
fn wrap(text: &[u8], font: Font, size: f32, max_width: f32) -> Vec<Range<usize>> {
    let fits = |r: &Range<usize>| font.text_width(&text[r.clone()], size) <= max_width;
    let mut lines: Vec<Range<usize>> = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut word_start = 0;
    for word in text.split(|&b| b == b' ') {
        let word_range = word_start..word_start + word.len();
        word_start = word_range.end + 1;
        if let Some(line) = current.take() {
            let extended = line.start..word_range.end;
            if fits(&extended) {
                current = Some(extended);
                continue;
            }
            lines.push(line);
        }
        if fits(&word_range) {
            current = Some(word_range);
            continue;
        }
        // Hard-break the long word; every chunk holds at least one character.
        let mut chunk = word_range.start..word_range.start;
        for i in word_range {
            let longer = chunk.start..i + 1;
            if chunk.is_empty() || fits(&longer) {
                chunk = longer;
            } else {
                lines.push(chunk);
                chunk = i..i + 1;
            }
        }
        current = Some(chunk);
    }
    lines.extend(current);
    lines
}

/// Cuts `text` so that it followed by `…` fits `max_width`, always appending the ellipsis
/// (the caller knows that text was dropped).
fn ellipsize(text: &[u8], font: Font, size: f32, max_width: f32) -> Vec<u8> {
    let budget = max_width - font.text_width(&[ELLIPSIS], size);
    let mut out = Vec::with_capacity(text.len() + 1);
    let mut width = 0.0;
    for &b in text {
        let w = font.text_width(&[b], size);
        if width + w > budget {
            break;
        }
        width += w;
        out.push(b);
    }
    while out.last() == Some(&b' ') {
        out.pop();
    }
    out.push(ELLIPSIS);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn winansi_required_mappings() {
        assert_eq!(to_winansi("é"), vec![0xE9]);
        assert_eq!(to_winansi("€"), vec![0x80]);
        assert_eq!(to_winansi("’"), vec![0x92]);
        assert_eq!(to_winansi("ł"), b"l".to_vec());
        assert_eq!(to_winansi("漢"), b"Han".to_vec());
    }

    #[test]
    fn winansi_ascii_latin1_and_extras() {
        assert_eq!(to_winansi("Genève N°"), b"Gen\xE8ve N\xB0".to_vec());
        assert_eq!(
            to_winansi("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"),
            vec![
                0x80, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A, 0x8B, 0x8C, 0x8E, 0x91,
                0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0x9B, 0x9C, 0x9E, 0x9F
            ]
        );
        let latin1: String = (0xA0u32..=0xFF).filter_map(char::from_u32).collect();
        assert_eq!(to_winansi(&latin1), (0xA0u8..=0xFF).collect::<Vec<u8>>());
    }

    #[test]
    fn winansi_fallbacks() {
        assert_eq!(to_winansi("łőșțăęąćčřşğıİ"), b"lostaeaccrsgiI".to_vec());
        assert_eq!(to_winansi("Łódź Ĳssel"), b"L\xF3dz IJssel".to_vec());
        // Decomposed é (e + U+0301) composes; an unknown mark is dropped.
        assert_eq!(to_winansi("e\u{301}"), vec![0xE9]);
        assert_eq!(to_winansi("S\u{30C}"), vec![0x8A]);
        assert_eq!(to_winansi("q\u{301}"), b"q".to_vec());
        assert_eq!(to_winansi("a\tb\nc\u{7}"), b"a b c".to_vec());
        assert_eq!(
            to_winansi("1\u{202F}000 \u{2212}5"),
            b"1\xA0000 -5".to_vec()
        );
        // Letters of other scripts are transliterated, other symbols are not.
        assert_eq!(to_winansi("Ωж😀"), b"Ozh?".to_vec());
        assert_eq!(to_winansi("Иван Петров"), b"Ivan Petrov".to_vec());
        assert_eq!(to_winansi("王小明 Wang"), b"Wang Xiao Ming Wang".to_vec());
        assert_eq!(to_winansi("Nguyễn Thị"), b"Nguyen Thi".to_vec());
        assert_eq!(to_winansi("★"), b"?".to_vec());
    }

    #[test]
    fn widths_match_afm_samples() {
        assert_eq!(Font::Regular.glyph_width(b'a'), 556);
        assert_eq!(Font::Regular.glyph_width(b'i'), 222);
        assert_eq!(Font::Regular.glyph_width(b'W'), 944);
        assert_eq!(Font::Regular.glyph_width(b'@'), 1015);
        assert_eq!(Font::Bold.glyph_width(b'@'), 975);
        assert_eq!(Font::Bold.glyph_width(b'i'), 278);
        assert_eq!(Font::Bold.glyph_width(0xE9), 556);
        assert_eq!(Font::Regular.glyph_width(ELLIPSIS), 1000);
        assert!((Font::Regular.text_width(b"aa", 10.0) - 11.12).abs() < 1e-4);
    }

    fn spec(max_lines: usize) -> FitSpec {
        FitSpec {
            font: Font::Bold,
            max_size: 16.0,
            min_size: 9.0,
            max_width: 200.0,
            max_lines,
        }
    }

    fn assert_fits(block: &TextBlock, spec: &FitSpec) {
        assert!(block.lines.len() <= spec.max_lines);
        assert!(block.size >= spec.min_size && block.size <= spec.max_size);
        for line in &block.lines {
            let w = block.font.text_width(line, block.size);
            assert!(w <= spec.max_width + 1e-3, "line too wide: {w}");
        }
    }

    #[test]
    fn short_text_keeps_max_size() {
        let s = spec(2);
        let b = fit_text(b"Ms Amina BENALI", &s);
        assert_eq!(b.size, 16.0);
        assert_eq!(b.lines, vec![b"Ms Amina BENALI".to_vec()]);
        assert!(!b.truncated);
    }

    #[test]
    fn slightly_long_text_shrinks_then_wraps() {
        let s = spec(2);
        // ~230 pt at 16 pt: shrinks on one line.
        let b = fit_text(b"Ms Amina BENALI-OUAHRANI", &s);
        assert_eq!(b.lines.len(), 1);
        assert!(b.size < 16.0);
        assert_fits(&b, &s);
        let b = fit_text(
            b"Mr Jean-Baptiste Alexandre de la Fontaine-Sainte-Marie",
            &s,
        );
        assert_eq!(b.lines.len(), 2);
        assert_fits(&b, &s);
    }

    #[test]
    fn very_long_text_is_truncated_with_ellipsis() {
        let s = spec(2);
        let long = "Organisation ".repeat(60);
        let b = fit_text(long.as_bytes(), &s);
        assert!(b.truncated);
        assert_eq!(b.size, 9.0);
        assert_eq!(b.lines.len(), 2);
        assert_eq!(b.lines[1].last(), Some(&ELLIPSIS));
        assert_fits(&b, &s);
        // One gigantic word is broken between characters.
        let word = "W".repeat(500);
        let b = fit_text(word.as_bytes(), &s);
        assert_fits(&b, &s);
        assert!(b.truncated);
        assert!(!b.lines.iter().any(|l| l.contains(&b' ')));
        let one = spec(1);
        let b = fit_text(word.as_bytes(), &one);
        assert_fits(&b, &one);
        assert_eq!(b.lines.len(), 1);
    }

    #[test]
    fn wrap_keeps_every_character_in_order() {
        let text = b"Association Internationale pour l'Eau WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW x";
        for width in [30.0, 60.0, 120.0, 500.0] {
            let ranges = wrap(text, Font::Regular, 10.0, width);
            let mut joined: Vec<u8> = Vec::new();
            for r in &ranges {
                let line = &text[r.clone()];
                assert!(!line.starts_with(b" ") && !line.ends_with(b" "));
                assert!(line.len() == 1 || Font::Regular.text_width(line, 10.0) <= width);
                joined.extend(line.iter().filter(|&&b| b != b' '));
            }
            let expected: Vec<u8> = text.iter().copied().filter(|&b| b != b' ').collect();
            assert_eq!(joined, expected, "width {width}");
        }
    }

    #[test]
    fn empty_text_has_no_lines() {
        let b = fit_text(b"   ", &spec(2));
        assert!(b.lines.is_empty());
    }
}
