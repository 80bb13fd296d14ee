//! The characters the lexer reads, with line continuations already removed and the
//! line number of each character recorded.
//!
//! A backslash before a newline joins the lines, unless the backslash is itself
//! escaped: in a run of backslashes ending at a newline, an odd count means the last
//! one continues the line. This holds everywhere, inside quotes and comments too, as
//! tmux reads its input through the same filter.
//!
//! The text is kept as UTF-8 with one entry per line start, not a character and a line
//! number per character: the server parses tmux's 23 KB of default bindings with it,
//! and twelve bytes a character made that parse a quarter of a megabyte the allocator
//! then kept.

pub(super) struct Source {
    text: String,
    /// (byte offset, line number) where each line of `text` starts, in order; a joined
    /// line starts a new entry at the offset where the continuation was cut out.
    line_starts: Vec<(usize, usize)>,
    /// The line after the last character: where end of input is reported.
    end_line: usize,
    pos: usize,
}

impl Source {
    pub fn new(input: &str) -> Source {
        let mut text = String::with_capacity(input.len());
        let mut line_starts = vec![(0, 1)];
        let mut line = 1;
        let mut backslashes = 0usize;
        for c in input.chars() {
            if c == '\n' && backslashes % 2 == 1 {
                text.pop();
                line += 1;
                line_starts.push((text.len(), line));
                backslashes = 0;
                continue;
            }
            backslashes = if c == '\\' { backslashes + 1 } else { 0 };
            text.push(c);
            if c == '\n' {
                line += 1;
                line_starts.push((text.len(), line));
            }
        }
        Source {
            text,
            line_starts,
            end_line: line,
            pos: 0,
        }
    }

    /// The next character, consumed.
    pub fn get(&mut self) -> Option<char> {
        let c = self.text.get(self.pos..)?.chars().next();
        if let Some(c) = c {
            self.pos += c.len_utf8();
        }
        c
    }

    /// Steps back over the character just read, `c` (nothing at end of input).
    pub fn unget(&mut self, c: Option<char>) {
        if let Some(c) = c {
            self.pos = self.pos.saturating_sub(c.len_utf8());
        }
    }

    /// The line of the character last read (or of the end of input).
    pub fn line(&self) -> usize {
        match self
            .text
            .get(..self.pos)
            .and_then(|t| t.chars().next_back())
        {
            Some(c) => self.line_at(self.pos - c.len_utf8()),
            None => 1,
        }
    }

    /// The line of the next character, or of the end of input.
    pub fn next_line(&self) -> usize {
        if self.pos < self.text.len() {
            self.line_at(self.pos)
        } else {
            self.end_line
        }
    }

    /// The line of the character starting at byte `offset`.
    fn line_at(&self, offset: usize) -> usize {
        let after = self
            .line_starts
            .partition_point(|&(start, _)| start <= offset);
        after
            .checked_sub(1)
            .and_then(|i| self.line_starts.get(i))
            .map_or(1, |&(_, line)| line)
    }

    /// Skips to just after the next newline (error recovery).
    pub fn skip_line(&mut self) {
        while let Some(c) = self.get() {
            if c == '\n' {
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Source;

    fn read_all(src: &mut Source) -> Vec<(char, usize)> {
        std::iter::from_fn(|| src.get().map(|c| (c, src.line()))).collect()
    }

    #[test]
    fn lines_count_newlines_and_continuations() {
        let mut src = Source::new("a\\\nb\né\\\\\nc");
        let read = read_all(&mut src);
        assert_eq!(
            read,
            vec![
                ('a', 1),
                ('b', 2),
                ('\n', 2),
                ('é', 3),
                ('\\', 3),
                ('\\', 3),
                ('\n', 3),
                ('c', 4)
            ]
        );
        assert_eq!(src.next_line(), 4);
    }

    #[test]
    fn unget_steps_back_over_wide_characters() {
        let mut src = Source::new("é\nx");
        let c = src.get();
        assert_eq!(c, Some('é'));
        src.unget(c);
        assert_eq!(src.next_line(), 1);
        assert_eq!(src.get(), Some('é'));
        assert_eq!(src.get(), Some('\n'));
        assert_eq!(src.next_line(), 2);
        assert_eq!(src.line(), 1);
    }
}
