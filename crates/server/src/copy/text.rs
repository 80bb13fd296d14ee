//! Reading text out of a pane for copy mode: a line's characters, words, the selection.

use rmux_term::Terminal;

use super::{CopyMode, Pos, row_index};

/// The characters of absolute line `line`, one per column (wide characters take their
/// first column; their second holds `'\0'`).
pub fn line_chars(term: &Terminal, line: usize) -> Vec<char> {
    let mut out = Vec::new();
    if let Some(row) = term.row(row_index(term, line)) {
        row.column_chars(&mut out);
        out.resize(usize::from(row.width()), ' ');
    }
    out
}

/// Columns up to the last non-blank, so the cursor stays on the text.
pub fn line_length(term: &Terminal, line: usize) -> u16 {
    u16::try_from(text_length(&line_chars(term, line))).unwrap_or(u16::MAX)
}

/// Columns of `chars` (a line from `line_chars`) up to the last non-blank.
pub fn text_length(chars: &[char]) -> usize {
    chars
        .iter()
        .rposition(|c| *c != ' ' && *c != '\0')
        .map_or(0, |i| i + 1)
}

/// Text from `start` to `end` as tmux copies it: wrapped lines join, others end in a
/// newline, and blanks past the end of a line's text go. With emacs keys the cell at
/// `end` is left out and so is the last newline; with vi keys the cell is taken, and the
/// newline too when `end` is past the text.
pub fn range_text(term: &Terminal, mode: &CopyMode, start: Pos, end: Pos) -> String {
    let mut out = String::new();
    let mut chars = Vec::new();
    for line in start.line..=end.line {
        // The row's used columns; what is past them reads as blanks.
        let row = term.row(row_index(term, line));
        match &row {
            Some(r) => r.column_chars(&mut chars),
            None => chars.clear(),
        }
        let row_wraps = row.as_ref().is_some_and(|r| r.wrapped());
        // Columns [from, to) of this line.
        let (from, to) = if mode.rectangle {
            (
                usize::from(start.col.min(end.col)),
                usize::from(start.col.max(end.col)) + 1,
            )
        } else {
            (
                if line == start.line {
                    usize::from(start.col)
                } else {
                    0
                },
                if line != end.line {
                    usize::MAX
                } else if mode.vi {
                    usize::from(end.col).saturating_add(1)
                } else {
                    usize::from(end.col)
                },
            )
        };
        let joins = !mode.rectangle && line < end.line && row_wraps;
        // A selection stops at the end of the line's text, so blanks past it go but a
        // blank inside the text that the selection ends on stays (a wrapped row is
        // taken whole: its blanks continue on the next row).
        let width = row.as_ref().map_or(0, |r| usize::from(r.width()));
        let length = if joins { width } else { text_length(&chars) };
        let stop = to.min(length);
        for i in from..stop {
            match chars.get(i) {
                Some('\0') => {}
                Some(c) => out.push(*c),
                None => out.push(' '),
            }
        }
        let last = line == end.line;
        let newline = if last {
            mode.vi && !mode.rectangle && to > length && !row_wraps
        } else {
            !joins
        };
        if newline {
            out.push('\n');
        }
    }
    out
}

/// What kind of character a word motion sees.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Space,
    Separator,
    Word,
}

pub fn class(c: char, separators: &str) -> Class {
    if c == ' ' || c == '\0' || c == '\t' {
        Class::Space
    } else if separators.contains(c) {
        Class::Separator
    } else {
        Class::Word
    }
}

/// The characters from `start` to `end` (its last character) in reading order, rows
/// joined as they are (a search match).
pub fn plain_range(term: &Terminal, start: Pos, end: Pos) -> String {
    let mut out = String::new();
    for line in start.line..=end.line {
        let chars = line_chars(term, line);
        let from = if line == start.line {
            usize::from(start.col)
        } else {
            0
        };
        let to = if line == end.line {
            usize::from(end.col) + 1
        } else {
            chars.len()
        };
        out.extend(chars.iter().take(to).skip(from).filter(|c| **c != '\0'));
    }
    out
}

/// The word under `at` (`word-separators` and blanks end it), else the next one on the
/// line, as tmux's copy_cursor_word gives it.
pub fn word_at(term: &Terminal, at: Pos, separators: &str) -> String {
    let chars = line_chars(term, at.line);
    let in_word = |c: &char| *c != ' ' && *c != '\0' && !separators.contains(*c);
    let Some(i) = (usize::from(at.col)..chars.len()).find(|&i| in_word(&chars[i])) else {
        return String::new();
    };
    let start = chars[..i]
        .iter()
        .rposition(|c| !in_word(c))
        .map_or(0, |p| p + 1);
    let end = chars[i..]
        .iter()
        .position(|c| !in_word(c))
        .map_or(chars.len(), |p| i + p);
    chars[start..end].iter().collect()
}
