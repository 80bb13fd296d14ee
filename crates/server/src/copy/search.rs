//! Copy-mode search as tmux's: `search-forward`/`-backward` take a regular expression
//! (the `-text` variants plain text), a query without capitals matches either case,
//! and matches are found in logical lines (rows joined where the program's text
//! wrapped), so a word split by the pane's edge is still found.

use regex::{Regex, RegexBuilder};
use rmux_term::Terminal;

use super::text::{line_chars, text_length, wrapped};
use super::{Pos, Way};

/// tmux stops counting matches here and shows `(1000+ results)`.
const COUNT_LIMIT: usize = 1000;

/// A search as typed: the text, its direction, and the expression it became.
#[derive(Clone, Debug)]
pub struct Search {
    pub text: String,
    pub way: Way,
    /// `None`: nothing can match (no expression could be made of the text).
    pub regex: Option<Regex>,
}

impl Search {
    /// `plain`: the text is matched as it is (`search-*-text`); otherwise it is a regular
    /// expression, or plain text if it is not a valid one.
    pub fn new(text: &str, way: Way, plain: bool) -> Search {
        let insensitive = !text.chars().any(char::is_uppercase);
        let build = |pattern: &str| {
            RegexBuilder::new(pattern)
                .case_insensitive(insensitive)
                .build()
        };
        let regex = (!plain)
            .then(|| build(text).ok())
            .flatten()
            .or_else(|| build(&regex::escape(text)).ok());
        Search {
            text: text.to_string(),
            way,
            regex,
        }
    }
}

/// Rows joined where they wrap: the text and where each character is.
struct Logical {
    text: String,
    /// For each character: its byte offset in `text` and its place in the pane.
    places: Vec<(usize, Pos)>,
}

impl Logical {
    /// The place of the character at byte `at` (or the last one before it).
    fn place(&self, at: usize) -> Pos {
        let i = self.places.partition_point(|(b, _)| *b <= at);
        self.places[i.saturating_sub(1)].1
    }

    /// Each match: where it starts and where its last character is.
    fn matches(&self, regex: &Option<Regex>) -> Vec<(Pos, Pos)> {
        let Some(regex) = regex else {
            return Vec::new();
        };
        if self.places.is_empty() {
            return Vec::new();
        }
        regex
            .find_iter(&self.text)
            .filter(|m| !m.is_empty())
            .map(|m| (self.place(m.start()), self.place(m.end() - 1)))
            .collect()
    }
}

/// The lines of the pane's text: history and screen.
fn total(term: &Terminal) -> usize {
    term.history_len() + usize::from(term.size().rows)
}

/// The first and last row of the logical line holding `line`.
fn bounds(term: &Terminal, line: usize) -> (usize, usize) {
    let mut first = line;
    while first > 0 && wrapped(term, first - 1) {
        first -= 1;
    }
    let last_line = total(term).saturating_sub(1);
    let mut last = line;
    while last < last_line && wrapped(term, last) {
        last += 1;
    }
    (first, last)
}

fn logical(term: &Terminal, first: usize, last: usize) -> Logical {
    let mut text = String::new();
    let mut places = Vec::new();
    for line in first..=last {
        let chars = line_chars(term, line);
        // A row that wraps is full; the last one ends with its text.
        let end = if line < last {
            chars.len()
        } else {
            text_length(&chars)
        };
        for (col, ch) in chars.iter().take(end).enumerate() {
            if *ch == '\0' {
                continue;
            }
            places.push((
                text.len(),
                Pos {
                    line,
                    col: u16::try_from(col).unwrap_or(u16::MAX),
                },
            ));
            text.push(*ch);
        }
    }
    Logical { text, places }
}

/// The next match from `from` in `way` (wrapping round the whole text if `wrap`), as
/// its start and last character.
pub fn find(
    term: &Terminal,
    search: &Search,
    from: Pos,
    way: Way,
    wrap: bool,
) -> Option<(Pos, Pos)> {
    let lines = total(term);
    let (first, last) = bounds(term, from.line.min(lines.saturating_sub(1)));
    let here = logical(term, first, last).matches(&search.regex);
    let hit = match way {
        Way::Forward => here.iter().find(|(s, _)| *s > from),
        Way::Backward => here.iter().rev().find(|(s, _)| *s < from),
    };
    if let Some(m) = hit {
        return Some(*m);
    }
    // The other logical lines, in order, then (wrapping) round to this one again.
    let mut line = match way {
        Way::Forward => last + 1,
        Way::Backward => first.checked_sub(1).unwrap_or(lines),
    };
    let mut wrapped_round = false;
    loop {
        if line >= lines {
            if !wrap || wrapped_round {
                return None;
            }
            wrapped_round = true;
            line = match way {
                Way::Forward => 0,
                Way::Backward => lines.saturating_sub(1),
            };
        }
        let (a, b) = bounds(term, line);
        let found = logical(term, a, b).matches(&search.regex);
        let hit = match way {
            Way::Forward => found.first(),
            Way::Backward => found.last(),
        };
        if let Some(m) = hit {
            return Some(*m);
        }
        if a == first && wrapped_round {
            return None;
        }
        line = match way {
            Way::Forward => b + 1,
            Way::Backward => a.checked_sub(1).unwrap_or(lines),
        };
    }
}

/// The matches on lines `top..top + rows` (for highlighting), each as its start and
/// last character.
pub fn visible(term: &Terminal, search: &Search, top: usize, rows: usize) -> Vec<(Pos, Pos)> {
    let lines = total(term);
    let end = (top + rows).min(lines);
    let mut out = Vec::new();
    let mut line = top;
    while line < end {
        let (a, b) = bounds(term, line);
        out.extend(
            logical(term, a, b)
                .matches(&search.regex)
                .into_iter()
                .filter(|(s, e)| e.line >= top && s.line < end),
        );
        line = b + 1;
    }
    out
}

/// How many matches the whole text holds, up to tmux's limit; `true` when more.
pub fn count(term: &Terminal, search: &Search) -> (usize, bool) {
    let lines = total(term);
    let mut n = 0;
    let mut line = 0;
    while line < lines {
        let (a, b) = bounds(term, line);
        n += logical(term, a, b).matches(&search.regex).len();
        if n > COUNT_LIMIT {
            return (COUNT_LIMIT, true);
        }
        line = b + 1;
    }
    (n, false)
}
