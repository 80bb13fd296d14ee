//! Copy-mode search as tmux's: `search-forward`/`-backward` take a regular expression
//! (the `-text` variants plain text), a query without capitals matches either case,
//! and matches are found in logical lines (rows joined where the program's text
//! wrapped), so a word split by the pane's edge is still found.

use regex::Regex;
use rmux_term::Terminal;

use super::text::text_length;
use super::{Pos, Way, row_index};

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
        // The one engine formats' m/r uses too; plain text is the text escaped.
        let build = |pattern: &str| crate::format::compile_regex(pattern, insensitive);
        let regex = (!plain)
            .then(|| build(text))
            .flatten()
            .or_else(|| build(&regex::escape(text)));
        Search {
            text: text.to_string(),
            way,
            regex,
        }
    }
}

/// Rows joined where they wrap: the text and where each character is.
#[derive(Default)]
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
    fn matches<'s>(&'s self, regex: &'s Option<Regex>) -> impl Iterator<Item = (Pos, Pos)> + 's {
        regex
            .iter()
            .filter(|_| !self.places.is_empty())
            .flat_map(|r| r.find_iter(&self.text))
            .filter(|m| !m.is_empty())
            .map(|m| (self.place(m.start()), self.place(m.end() - 1)))
    }
}

/// The lines of the pane's text: history and screen.
fn total(term: &Terminal) -> usize {
    term.history_len() + usize::from(term.size().rows)
}

/// Reads the pane's lines in order as logical lines, reusing its buffers.
struct Reader<'t> {
    term: &'t Terminal,
    row: Vec<char>,
    logical: Logical,
}

impl<'t> Reader<'t> {
    fn new(term: &'t Terminal) -> Reader<'t> {
        Reader {
            term,
            row: Vec::new(),
            logical: Logical::default(),
        }
    }

    /// The logical line starting at `first`; returns the line after it.
    fn read(&mut self, first: usize) -> usize {
        let lines = total(self.term);
        self.logical.text.clear();
        self.logical.places.clear();
        let mut line = first;
        loop {
            let Some(row) = self.term.row(row_index(self.term, line)) else {
                return line + 1;
            };
            row.column_chars(&mut self.row);
            let wraps = row.wrapped() && line + 1 < lines;
            // A row that wraps is full; the last one ends with its text.
            let end = if wraps {
                self.row.len()
            } else {
                text_length(&self.row)
            };
            for (col, ch) in self.row.iter().take(end).enumerate() {
                if *ch == '\0' {
                    continue;
                }
                self.logical.places.push((
                    self.logical.text.len(),
                    Pos {
                        line,
                        col: u16::try_from(col).unwrap_or(u16::MAX),
                    },
                ));
                self.logical.text.push(*ch);
            }
            line += 1;
            if !wraps {
                return line;
            }
        }
    }
}

/// What a search found: the match to go to (from `from` in `way`, round the whole
/// text if `wrap`; going forward a match starting at `from` counts when `at_from`), and
/// how many matches the text holds (up to tmux's limit; `more` past it). One pass over
/// the text.
pub struct Scan {
    pub hit: Option<(Pos, Pos)>,
    pub count: usize,
    pub more: bool,
}

pub fn scan(
    term: &Terminal,
    search: &Search,
    (from, at_from): (Pos, bool),
    way: Way,
    wrap: bool,
) -> Scan {
    let lines = total(term);
    let mut reader = Reader::new(term);
    let (mut first, mut last, mut after, mut before) = (None, None, None, None);
    let (mut count, mut more) = (0, false);
    let mut line = 0;
    while line < lines {
        line = reader.read(line);
        for m in reader.logical.matches(&search.regex) {
            if count < COUNT_LIMIT {
                count += 1;
            } else {
                more = true;
            }
            first.get_or_insert(m);
            last = Some(m);
            if after.is_none() && (m.0 > from || (at_from && m.0 == from)) {
                after = Some(m);
            }
            if m.0 < from {
                before = Some(m);
            }
        }
    }
    let hit = match way {
        Way::Forward => after.or(first.filter(|_| wrap)),
        Way::Backward => before.or(last.filter(|_| wrap)),
    };
    Scan { hit, count, more }
}

/// The matches on lines `top..top + rows` (for highlighting), each as its start and
/// last character.
pub fn visible(term: &Terminal, search: &Search, top: usize, rows: usize) -> Vec<(Pos, Pos)> {
    let lines = total(term);
    let end = (top + rows).min(lines);
    // Start at the logical line holding the top row.
    let mut line = top;
    while line > 0
        && term
            .row(row_index(term, line - 1))
            .is_some_and(|r| r.wrapped())
    {
        line -= 1;
    }
    let mut reader = Reader::new(term);
    let mut out = Vec::new();
    while line < end {
        line = reader.read(line);
        out.extend(
            reader
                .logical
                .matches(&search.regex)
                .filter(|(s, e)| e.line >= top && s.line < end),
        );
    }
    out
}
