//! Finding the end of a piece of a format: the closing `}` of `#{`, the comma between
//! the branches of a conditional, the end of a modifier argument. Escaped characters
//! (`#,` `##` `#{` `#}` `#:`) and nested `#{…}` blocks are stepped over.
//!
//! All delimiters are ASCII, so the byte offsets returned are always char boundaries.

/// Characters that a `#` escapes while scanning.
const ESCAPABLE: &[u8] = b",#{}:";

/// The offset of the first byte at or after `from` that is one of `ends` and not inside
/// a nested `#{…}` or escaped; `None` if there is none.
///
/// Every `}` closes a bracket, even one that no `#{` opened: tmux counts this way, so
/// `#{?x,a{b},c}` ends at the first `}`, and so do we.
pub(super) fn skip(s: &str, from: usize, ends: &[u8]) -> Option<usize> {
    let b = s.as_bytes();
    let mut brackets: i64 = 0;
    let mut i = from;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == b'#' && next == Some(b'{') {
            brackets += 1;
        }
        if c == b'#' && next.is_some_and(|n| ESCAPABLE.contains(&n)) {
            i += 2;
            continue;
        }
        if c == b'}' {
            brackets -= 1;
        }
        if ends.contains(&c) && brackets == 0 {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Splits `s` at its first top-level comma into the left and right alternatives.
pub(super) fn choose(s: &str) -> Option<(&str, &str)> {
    let comma = skip(s, 0, b",")?;
    Some((s.get(..comma)?, s.get(comma + 1..)?))
}

/// Removes the `#` of escapes (`#,` → `,`), leaving those inside nested `#{…}` alone;
/// used for the time format of `#{t/f/…}`.
pub(super) fn strip_escapes(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut brackets: i64 = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == b'#' && next == Some(b'{') {
            brackets += 1;
        }
        if c == b'#' && next.is_some_and(|n| ESCAPABLE.contains(&n)) {
            if brackets != 0 {
                out.push(c);
            }
            i += 1;
            continue;
        }
        if c == b'}' {
            brackets -= 1;
        }
        out.push(c);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
