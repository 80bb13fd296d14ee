//! Display width of expanded formats and trimming to a width, as tmux measures them:
//! `#[…]` style blocks take no room (and are kept whole when trimming), `##` is one
//! `#` on screen, control characters are dropped.

use unicode_width::UnicodeWidthChar;

use super::scan::skip;

/// Columns a character takes on screen (control characters take none).
pub(super) fn char_width(c: char) -> usize {
    match c {
        ' '..='~' => 1,
        '\0'..='\u{1f}' | '\u{7f}' => 0,
        _ => c.width().unwrap_or(0),
    }
}

/// Display width of plain text (no style blocks).
pub(super) fn text_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// A run of `#`s starting at `at`: how many there are, the columns they show as, and
/// where scanning resumes. An odd run before `[` leaves its last `#` to open a style.
fn leading_hashes(b: &[u8], at: usize) -> (usize, usize, usize) {
    let n = b
        .get(at..)
        .map_or(0, |rest| rest.iter().take_while(|&&c| c == b'#').count());
    if b.get(at + n) != Some(&b'[') {
        return (n, n.div_ceil(2), at + n);
    }
    if n % 2 == 0 {
        // Every # is escaped: the [ is plain text.
        (n, n / 2, at + n)
    } else {
        (n, n / 2, at + n - 1)
    }
}

/// The char starting at byte `at` of `s`, if `at` is a boundary.
fn char_at(s: &str, at: usize) -> Option<char> {
    s.get(at..)?.chars().next()
}

/// Display width of an expanded format, not counting `#[…]` style blocks. An
/// unterminated style block makes the whole thing zero wide, as in tmux.
pub fn format_width(s: &str) -> usize {
    let b = s.as_bytes();
    let mut width = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'#' {
            let (_, lead, next) = leading_hashes(b, i);
            width += lead;
            i = next;
            if b.get(i) == Some(&b'#') {
                match skip(s, i + 2, b"]") {
                    Some(end) => i = end + 1,
                    None => return 0,
                }
            }
            continue;
        }
        let Some(c) = char_at(s, i) else { break };
        width += char_width(c);
        i += c.len_utf8();
    }
    width
}

/// Copies a run of `#`s into `out`, as many as show in `cols` columns: a lone `#` is
/// copied as one, escaped ones in pairs.
fn push_hashes(out: &mut String, run: usize, cols: usize) {
    if cols == 0 {
        return;
    }
    if run == 1 {
        out.push('#');
    } else {
        out.extend(std::iter::repeat_n('#', 2 * cols));
    }
}

/// Keeps the leftmost `limit` columns of an expanded format, with every style block
/// up to that point.
pub fn trim_left(s: &str, limit: usize) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut width = 0;
    let mut i = 0;
    while i < b.len() && width < limit {
        if b[i] == b'#' {
            let (run, lead, next) = leading_hashes(b, i);
            let cols = lead.min(limit - width);
            push_hashes(&mut out, run, cols);
            width += cols;
            i = next;
            if b.get(i) == Some(&b'#') {
                let Some(end) = skip(s, i + 2, b"]") else {
                    break;
                };
                out.push_str(s.get(i..=end).unwrap_or_default());
                i = end + 1;
            }
            continue;
        }
        let Some(c) = char_at(s, i) else { break };
        let w = char_width(c);
        if c.is_control() {
            // Dropped, as tmux does.
        } else if width + w <= limit {
            out.push(c);
        }
        width += w;
        i += c.len_utf8();
    }
    out
}

/// Keeps the rightmost `limit` columns of an expanded format, with every style block
/// from the start (so the colours in force at the cut still apply).
pub fn trim_right(s: &str, limit: usize) -> String {
    let total = format_width(s);
    if total <= limit {
        return s.to_string();
    }
    let skip_cols = total - limit;
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut width = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'#' {
            let (run, lead, next) = leading_hashes(b, i);
            let mut cols = lead;
            if width <= skip_cols {
                cols = cols.saturating_sub(skip_cols - width);
            }
            push_hashes(&mut out, run, cols);
            width += lead;
            i = next;
            if b.get(i) == Some(&b'#') {
                let Some(end) = skip(s, i + 2, b"]") else {
                    break;
                };
                out.push_str(s.get(i..=end).unwrap_or_default());
                i = end + 1;
            }
            continue;
        }
        let Some(c) = char_at(s, i) else { break };
        if !c.is_control() && width >= skip_cols {
            out.push(c);
        }
        width += char_width(c);
        i += c.len_utf8();
    }
    out
}

/// Pads with spaces on the right to `width` columns (`#{p10:…}`).
pub(super) fn pad_right(s: &str, width: usize) -> String {
    let have = text_width(s);
    let mut out = s.to_string();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(have)));
    out
}

/// Pads with spaces on the left to `width` columns (`#{p-10:…}`).
pub(super) fn pad_left(s: &str, width: usize) -> String {
    let have = text_width(s);
    let mut out: String = std::iter::repeat_n(' ', width.saturating_sub(have)).collect();
    out.push_str(s);
    out
}
