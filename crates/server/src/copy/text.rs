//! Reading text out of a pane for copy mode: a line's characters, words, the selection.

use rmux_term::Terminal;

use super::{CopyMode, Pos, row_index};

/// The characters of absolute line `line`, one per column (wide characters take their
/// first column; their second holds `'\0'`).
pub fn line_chars(term: &Terminal, line: usize) -> Vec<char> {
    let Some(row) = term.row(row_index(term, line)) else {
        return Vec::new();
    };
    row.cells()
        .map(|c| if c.width == 0 { '\0' } else { c.ch })
        .collect()
}

/// Whether absolute line `line` continues on the next one (soft-wrapped).
pub fn wrapped(term: &Terminal, line: usize) -> bool {
    term.row(row_index(term, line)).is_some_and(|r| r.wrapped())
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

/// Text from `start` to `end` inclusive: wrapped lines join, others end in a newline,
/// blanks past the end of a line's text go, as tmux copies.
pub fn range_text(term: &Terminal, mode: &CopyMode, start: Pos, end: Pos) -> String {
    let mut out = String::new();
    for line in start.line..=end.line {
        let chars = line_chars(term, line);
        let (from, to) = if mode.rectangle {
            (start.col.min(end.col), start.col.max(end.col))
        } else {
            (
                if line == start.line { start.col } else { 0 },
                if line == end.line { end.col } else { u16::MAX },
            )
        };
        let joins = !mode.rectangle && line < end.line && wrapped(term, line);
        // As tmux: a selection stops at the end of the line's text, so blanks past it go
        // but a blank inside the text that the selection ends on stays.
        let length = if joins {
            usize::MAX
        } else {
            text_length(&chars)
        };
        let piece: String = chars
            .iter()
            .enumerate()
            .filter(|(i, _)| {
                let col = u16::try_from(*i).unwrap_or(u16::MAX);
                col >= from && col <= to && *i < length
            })
            .map(|(_, c)| *c)
            .filter(|c| *c != '\0')
            .collect();
        out.push_str(&piece);
        if !joins && line < end.line {
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
