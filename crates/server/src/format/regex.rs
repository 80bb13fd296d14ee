//! Regular expressions for `#{s/re/with/:…}` and `#{m/r:…}`, on the `regex` crate:
//! matching takes time linear in the text and compiled patterns are size-bounded, so no
//! pattern can hang the server or give up half-way (as a step budget would).
//!
//! tmux uses POSIX extended expressions; the crate's syntax covers what status lines
//! use (`.`, brackets with `[:class:]`, groups, `|`, `*+?{m,n}`, `^$`, `\w\s`). Two
//! glibc quirks are kept: a repetition with nothing before it does not compile, and a
//! repetition of a repetition (`a**`) counts once. Where POSIX takes the longest
//! alternative (`a|ab`), the crate takes the first, as the earlier engine did.

/// Largest compiled program accepted, well above any status-line pattern.
const SIZE_LIMIT: usize = 1 << 20;

pub(super) struct Regex(regex::Regex);

/// A tmux (POSIX extended) pattern compiled as formats and copy-mode search read it:
/// glibc's quirks kept, the compiled size bounded. `None` if it does not compile.
pub fn compile(pattern: &str, ignore_case: bool) -> Option<regex::Regex> {
    let pattern = glibc_pattern(pattern)?;
    regex::RegexBuilder::new(&pattern)
        .case_insensitive(ignore_case)
        .size_limit(SIZE_LIMIT)
        .dfa_size_limit(SIZE_LIMIT)
        .build()
        .ok()
}

impl Regex {
    /// `None` if the pattern does not compile.
    pub(super) fn new(pattern: &str, ignore_case: bool) -> Option<Regex> {
        compile(pattern, ignore_case).map(Regex)
    }

    pub(super) fn is_match(&self, text: &str) -> bool {
        self.0.is_match(text)
    }
}

/// The pattern as the crate should read it: a run of `*`/`+`/`?` after an atom is one
/// repetition, as glibc reads it; one with no atom before it is refused.
fn glibc_pattern(pattern: &str) -> Option<String> {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars().peekable();
    let mut after_atom = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                out.push(c);
                if let Some(n) = chars.next() {
                    out.push(n);
                }
                after_atom = true;
            }
            '*' | '+' | '?' => {
                if !after_atom {
                    return None;
                }
                out.push(c);
                while chars.next_if(|n| matches!(n, '*' | '+' | '?')).is_some() {}
                after_atom = false;
            }
            '(' | '|' => {
                out.push(c);
                after_atom = false;
            }
            '[' => {
                // A bracket expression is one atom; copy it whole (`]` first is literal).
                out.push(c);
                let mut first = true;
                while let Some(b) = chars.next() {
                    out.push(b);
                    if b == '[' && chars.peek() == Some(&':') {
                        for x in chars.by_ref() {
                            out.push(x);
                            if x == ']' {
                                break;
                            }
                        }
                    } else if b == ']' && !first {
                        break;
                    }
                    first = b == '^' && first;
                }
                after_atom = true;
            }
            _ => {
                out.push(c);
                after_atom = true;
            }
        }
    }
    Some(out)
}

/// Replaces every match of `pattern` in `text` with `with`, where `\0`…`\9` stand for
/// the groups, following tmux's `regsub`: each search starts where the last match
/// ended, an empty match next to the previous match is skipped, and a pattern anchored
/// with `^` is applied once. The result stops growing past `limit` bytes. `None` if the
/// pattern does not compile.
pub(super) fn regsub(
    pattern: &str,
    with: &str,
    text: &str,
    ignore_case: bool,
    limit: usize,
) -> Option<String> {
    if text.is_empty() {
        return Some(String::new());
    }
    let re = Regex::new(pattern, ignore_case)?;
    let end = text.len();
    let mut out = String::with_capacity(text.len());
    let (mut start, mut last) = (0, 0);
    let mut empty = false;
    while start <= end && out.len() <= limit {
        let rest = &text[start..];
        let Some(caps) = re.0.captures(rest) else {
            out.push_str(rest);
            break;
        };
        let Some(m) = caps.get(0) else { break };
        out.push_str(&text[last..start + m.start()]);
        if empty || start + m.start() != last || !m.is_empty() {
            expand_replacement(&mut out, with, &caps);
            last = start + m.end();
            start += m.end();
            empty = false;
        } else {
            // Step over one character (not one byte, as tmux does, to stay in UTF-8).
            last = start + m.end();
            let step = text[last..].chars().next().map_or(1, char::len_utf8);
            start = last + step;
            empty = true;
        }
        if pattern.starts_with('^') {
            if let Some(tail) = text.get(start..) {
                out.push_str(tail);
            }
            break;
        }
    }
    if out.len() > limit {
        let mut cut = limit;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
    }
    Some(out)
}

/// Appends the replacement for one match. A reference to a group that matched nothing
/// leaves the digit itself, as tmux does.
fn expand_replacement(out: &mut String, with: &str, caps: &regex::Captures<'_>) {
    let mut chars = with.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(next) = chars.next() else { break };
        if let Some(d) = next.to_digit(10)
            && let Some(group) = caps.get(d as usize).filter(|g| !g.is_empty())
        {
            out.push_str(group.as_str());
            continue;
        }
        out.push(next);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sub(p: &str, w: &str, t: &str) -> Option<String> {
        regsub(p, w, t, false, usize::MAX)
    }

    #[test]
    fn long_alternations_match_as_tmux_does() {
        // The old engine ran out of steps here and answered "no match".
        let text = format!("{}c", "ab".repeat(450));
        assert!(Regex::new("(a|b)*c", false).is_some_and(|r| r.is_match(&text)));
        let text = "a".repeat(5000);
        assert!(!Regex::new("(a*)*b", false).is_some_and(|r| r.is_match(&text)));
    }

    #[test]
    fn glibc_quirks_are_kept() {
        assert!(Regex::new("*a", false).is_none());
        assert!(Regex::new("(+)", false).is_none());
        assert!(Regex::new("a**", false).is_some_and(|r| r.is_match("aa")));
        assert!(Regex::new("[*]", false).is_some_and(|r| r.is_match("*")));
        assert!(Regex::new("[]a]", false).is_some_and(|r| r.is_match("]")));
        assert!(Regex::new("[[:digit:]]+", false).is_some_and(|r| r.is_match("x42")));
        assert!(Regex::new("\\*", false).is_some_and(|r| r.is_match("*")));
    }

    #[test]
    fn substitution_follows_tmux() {
        assert_eq!(sub("o*", "X", "hello").as_deref(), Some("hXeXlXlX"));
        assert_eq!(sub("^", ">", "hello").as_deref(), Some("ello"));
        assert_eq!(sub("(l)", "[\\1]", "hello").as_deref(), Some("he[l][l]o"));
        assert_eq!(sub("é", "e", "café é").as_deref(), Some("cafe e"));
        assert_eq!(sub("", "-", "éa").as_deref(), Some("é-a-"));
        assert_eq!(sub("[", "x", "a"), None);
        assert_eq!(
            regsub("", "ab", &"x".repeat(100), false, 50).map(|s| s.len()),
            Some(50)
        );
    }
}
