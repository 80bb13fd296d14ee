//! The characters the lexer reads, with line continuations already removed and the
//! line number of each character recorded.
//!
//! A backslash before a newline joins the lines, unless the backslash is itself
//! escaped: in a run of backslashes ending at a newline, an odd count means the last
//! one continues the line. This holds everywhere, inside quotes and comments too, as
//! tmux reads its input through the same filter.

pub(super) struct Source {
    chars: Vec<char>,
    lines: Vec<usize>,
    /// The line after the last character: where end of input is reported.
    end_line: usize,
    pos: usize,
}

impl Source {
    pub fn new(text: &str) -> Source {
        let mut chars = Vec::with_capacity(text.len());
        let mut lines = Vec::with_capacity(text.len());
        let mut line = 1;
        let mut backslashes = 0usize;
        for c in text.chars() {
            if c == '\n' && backslashes % 2 == 1 {
                chars.pop();
                lines.pop();
                line += 1;
                backslashes = 0;
                continue;
            }
            backslashes = if c == '\\' { backslashes + 1 } else { 0 };
            chars.push(c);
            lines.push(line);
            if c == '\n' {
                line += 1;
            }
        }
        Source {
            chars,
            lines,
            end_line: line,
            pos: 0,
        }
    }

    /// The next character, consumed.
    pub fn get(&mut self) -> Option<char> {
        let c = self.chars.get(self.pos).copied();
        if c.is_some() {
            self.pos += 1;
        }
        c
    }

    /// Steps back over the character just read (nothing at end of input).
    pub fn unget(&mut self, c: Option<char>) {
        if c.is_some() && self.pos > 0 {
            self.pos -= 1;
        }
    }

    /// The line of the character last read (or of the end of input).
    pub fn line(&self) -> usize {
        self.pos
            .checked_sub(1)
            .and_then(|p| self.lines.get(p))
            .copied()
            .unwrap_or(1)
    }

    /// The line of the next character, or of the end of input.
    pub fn next_line(&self) -> usize {
        self.lines.get(self.pos).copied().unwrap_or(self.end_line)
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
