//! Session and window names as tmux keeps them: whatever bytes a user or a program
//! gives, a name holds no control character (a newline would split `ls` output, an
//! escape would redraw the status line), written as C escapes (`\n`, `\t`, `\033`), and a
//! backslash as `\\`, so the name still says what was given.

/// A session name: `:` and `.` (target separators) become `_`; `None` if empty.
pub fn session_name(raw: &str) -> Option<String> {
    if raw.is_empty() {
        return None;
    }
    Some(escape(&raw.replace([':', '.'], "_")))
}

/// A window name.
pub fn window_name(raw: &str) -> String {
    escape(raw)
}

/// `raw` with control characters and backslashes escaped as tmux's `utf8_stravis` does.
pub fn escape(raw: &str) -> String {
    if !raw.chars().any(needs_escape) {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len() + 8);
    for c in raw.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{b}' => out.push_str("\\v"),
            '\u{c}' => out.push_str("\\f"),
            c if c.is_control() => {
                let mut utf8 = [0u8; 4];
                for b in c.encode_utf8(&mut utf8).bytes() {
                    out.push_str(&format!("\\{b:03o}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

fn needs_escape(c: char) -> bool {
    c == '\\' || c.is_control()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_escape_like_tmux() {
        // tmux 3.3a: new -s "$(printf 'a\nb\tc\033[31md:e.f')" lists as a\nb\tc\033[31md_e_f.
        assert_eq!(
            session_name("a\nb\tc\x1b[31md:e.f").as_deref(),
            Some("a\\nb\\tc\\033[31md_e_f")
        );
        assert_eq!(session_name("a\\b").as_deref(), Some("a\\\\b"));
        assert_eq!(window_name("x\ny\u{1}z"), "x\\ny\\001z");
        assert_eq!(window_name("x\u{7f}yéz"), "x\\177yéz");
        assert_eq!(window_name("plain name"), "plain name");
        assert_eq!(session_name(""), None);
    }
}

/// The one of `candidates` a mistyped `input` most likely meant: at most two edits
/// away, and only for inputs long enough that two edits are a typo rather than another
/// word. Errors add it as `(did you mean …?)`.
pub fn did_you_mean<'a>(input: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let len = input.chars().count();
    if len < 4 {
        return None;
    }
    let limit = if len < 8 { 1 } else { 2 };
    candidates
        .filter(|c| *c != input)
        .map(|c| (edits(input, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance, in characters.
fn edits(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb))
                .min(above + 1)
                .min(row[j] + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod suggestion_tests {
    use super::did_you_mean;

    #[test]
    fn typos_find_their_word_and_short_or_far_words_do_not() {
        let commands = ["split-window", "select-window", "kill-server"];
        assert_eq!(
            did_you_mean("split-windw", commands.into_iter()),
            Some("split-window")
        );
        assert_eq!(did_you_mean("frobnicate", commands.into_iter()), None);
        assert_eq!(
            did_you_mean("belajr", ["belajar", "web"].into_iter()),
            Some("belajar")
        );
        assert_eq!(did_you_mean("x", ["s"].into_iter()), None);
        assert_eq!(did_you_mean("bela", ["web", "belajar"].into_iter()), None);
    }
}
