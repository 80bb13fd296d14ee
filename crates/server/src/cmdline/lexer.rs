//! Splits input into tokens the way tmux's `yylex` does: words with quoting, escapes,
//! `~` and `$VAR` expansion done; `;`, `{`, `}` and newlines as themselves; `#`
//! comments; the `%if` family; `NAME=value` assignments.

use std::collections::HashMap;

use super::source::Source;
use super::{ParseEnv, ParseError};

/// Longest variable or user name, as tmux's buffers allow.
const MAX_NAME: usize = 1022;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Tok {
    Newline,
    Semicolon,
    Open,
    Close,
    Word(String),
    /// A word that looks like `NAME=value`.
    Assign(String),
    /// A `#{…}` right after a `%` keyword.
    Format(String),
    Hidden,
    If,
    Else,
    Elif,
    Endif,
    Eof,
}

#[derive(Clone, Debug)]
pub(super) struct Token {
    pub tok: Tok,
    /// The line the token ends on.
    pub line: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Quote {
    None,
    Single,
    Double,
}

pub(super) struct Lexer<'a> {
    src: Source,
    env: &'a dyn ParseEnv,
    /// Variables assigned earlier in the same input, which `$NAME` sees.
    pub assigned: HashMap<String, String>,
    /// The previous token was a `%` keyword, so `#{` opens a format, not a comment.
    condition: bool,
    eof_sent: bool,
}

impl<'a> Lexer<'a> {
    pub fn new(text: &str, env: &'a dyn ParseEnv) -> Self {
        Lexer {
            src: Source::new(text),
            env,
            assigned: HashMap::new(),
            condition: false,
            eof_sent: false,
        }
    }

    fn error(&self, message: &str) -> ParseError {
        ParseError {
            line: self.src.line(),
            message: message.to_string(),
        }
    }

    /// Skips the rest of the current line after an error.
    pub fn skip_line(&mut self) {
        self.condition = false;
        self.src.skip_line();
    }

    /// The next token. At the end of input a newline comes first, then `Eof`.
    pub fn next(&mut self) -> Result<Token, ParseError> {
        let condition = std::mem::take(&mut self.condition);
        loop {
            let Some(c) = self.src.get() else {
                let tok = if std::mem::replace(&mut self.eof_sent, true) {
                    Tok::Eof
                } else {
                    Tok::Newline
                };
                return Ok(Token {
                    tok,
                    line: self.src.next_line(),
                });
            };
            let line = self.src.line();
            let token = |tok| Ok(Token { tok, line });
            match c {
                ' ' | '\t' => continue,
                '\n' => return token(Tok::Newline),
                ';' => return token(Tok::Semicolon),
                '{' => return token(Tok::Open),
                '}' => return token(Tok::Close),
                '#' => {
                    let next = self.src.get();
                    if condition && next == Some('{') {
                        let format = self.format().ok_or_else(|| self.error("syntax error"))?;
                        return Ok(Token {
                            tok: Tok::Format(format),
                            line: self.src.line(),
                        });
                    }
                    let mut next = next;
                    while let Some(c) = next {
                        if c == '\n' {
                            return Ok(Token {
                                tok: Tok::Newline,
                                line: self.src.line(),
                            });
                        }
                        next = self.src.get();
                    }
                }
                '%' => return self.keyword(),
                _ => {
                    let word = self.word(c)?;
                    let line = self.src.line();
                    let tok = if is_assignment(&word) {
                        Tok::Assign(word)
                    } else {
                        Tok::Word(word)
                    };
                    return Ok(Token { tok, line });
                }
            }
        }
    }

    /// A word starting with `%`: a number-like word (`%1`, `%%`) or a keyword.
    fn keyword(&mut self) -> Result<Token, ParseError> {
        let mut word = String::from('%');
        loop {
            let c = self.src.get();
            match c {
                Some(c) if !matches!(c, ' ' | '\t' | '\n') => word.push(c),
                _ => {
                    self.src.unget(c);
                    break;
                }
            }
        }
        let line = self.src.line();
        if word.chars().all(|c| c == '%' || c.is_ascii_digit()) {
            return Ok(Token {
                tok: Tok::Word(word),
                line,
            });
        }
        self.condition = true;
        let tok = match word.as_str() {
            "%hidden" => Tok::Hidden,
            "%if" => Tok::If,
            "%else" => Tok::Else,
            "%elif" => Tok::Elif,
            "%endif" => Tok::Endif,
            _ => {
                return Err(ParseError {
                    line,
                    message: "syntax error".to_string(),
                });
            }
        };
        Ok(Token { tok, line })
    }

    /// The rest of a `#{…}` format after its `#{`, on one line.
    fn format(&mut self) -> Option<String> {
        let mut out = String::from("#{");
        let mut brackets = 1;
        loop {
            let mut c = self.src.get().filter(|&c| c != '\n')?;
            if c == '#' {
                c = self.src.get().filter(|&c| c != '\n')?;
                if c == '{' {
                    brackets += 1;
                }
                out.push('#');
            } else if c == '}' {
                brackets -= 1;
                if brackets == 0 {
                    out.push(c);
                    return Some(out);
                }
            }
            out.push(c);
        }
    }

    /// One word starting with `first`: quotes removed, escapes, `~` and `$` expanded.
    fn word(&mut self, first: char) -> Result<String, ParseError> {
        let mut buf: Vec<u8> = Vec::new();
        let mut state = Quote::None;
        // The quoting state when the previous character was added; `None` before the
        // first, so a `~` is only special at the start of the word or of a quote.
        let mut last: Option<Quote> = None;
        let mut ch = Some(first);
        while let Some(c) = ch {
            if state == Quote::None && matches!(c, '\n' | ' ' | '\t' | ';' | '}') {
                break;
            }
            if c == '\n' {
                ch = self.newline_in_quotes(&mut buf);
                continue;
            }
            if state != Quote::Single && c == '\\' {
                self.escape(&mut buf)?;
            } else if state != Quote::Single && c == '~' && last != Some(state) {
                self.tilde(&mut buf)?;
            } else if state != Quote::Single && c == '$' {
                self.variable(&mut buf)?;
            } else if c == '\'' && state != Quote::Double {
                state = if state == Quote::None {
                    Quote::Single
                } else {
                    Quote::None
                };
                ch = self.src.get();
                continue;
            } else if c == '"' && state != Quote::Single {
                state = if state == Quote::None {
                    Quote::Double
                } else {
                    Quote::None
                };
                ch = self.src.get();
                continue;
            } else {
                push_char(&mut buf, c);
            }
            last = Some(state);
            ch = self.src.get();
        }
        self.src.unget(ch);
        Ok(String::from_utf8_lossy(&buf).into_owned())
    }

    /// A newline inside quotes is kept, but indentation after it and whole comment
    /// lines are dropped (so a long quoted value can be laid out over lines). Returns
    /// the character to go on with.
    fn newline_in_quotes(&mut self, buf: &mut Vec<u8>) -> Option<char> {
        buf.push(b'\n');
        let mut c = self.src.get();
        while matches!(c, Some(' ' | '\t')) {
            c = self.src.get();
        }
        if c != Some('#') {
            return c;
        }
        let after = self.src.get();
        if after.is_some_and(|a| ",#{}:".contains(a)) {
            self.src.unget(after);
            return Some('#');
        }
        let mut c = after;
        while c.is_some_and(|c| c != '\n') {
            c = self.src.get();
        }
        c
    }

    /// A backslash escape (the backslash already read).
    fn escape(&mut self, buf: &mut Vec<u8>) -> Result<(), ParseError> {
        let Some(c) = self.src.get() else {
            return Err(self.error("syntax error"));
        };
        let byte = match c {
            '4'..='7' => return Err(self.error("invalid octal escape")),
            '0'..='3' => {
                let digits = [Some(c), self.octal_digit(), self.octal_digit()];
                let [Some(a), Some(b), Some(d)] = digits else {
                    return Err(self.error("invalid octal escape"));
                };
                let value = 64 * (a as u32 - '0' as u32)
                    + 8 * (b as u32 - '0' as u32)
                    + (d as u32 - '0' as u32);
                buf.push(value as u8);
                return Ok(());
            }
            'a' => 0x07,
            'b' => 0x08,
            'e' => 0x1b,
            'f' => 0x0c,
            's' => b' ',
            'v' => 0x0b,
            'r' => b'\r',
            'n' => b'\n',
            't' => b'\t',
            'u' => return self.unicode(buf, 'u', 4),
            'U' => return self.unicode(buf, 'U', 8),
            _ => {
                push_char(buf, c);
                return Ok(());
            }
        };
        buf.push(byte);
        Ok(())
    }

    fn octal_digit(&mut self) -> Option<char> {
        self.src.get().filter(|c| ('0'..='7').contains(c))
    }

    /// `\uXXXX` and `\UXXXXXXXX`.
    fn unicode(&mut self, buf: &mut Vec<u8>, kind: char, size: usize) -> Result<(), ParseError> {
        let message = format!("invalid \\{kind} argument");
        let mut value: u32 = 0;
        for _ in 0..size {
            let c = self.src.get().filter(|&c| c != '\n');
            let Some(c) = c else {
                return Err(self.error("syntax error"));
            };
            let Some(d) = c.to_digit(16) else {
                return Err(self.error(&message));
            };
            value = value.wrapping_mul(16).wrapping_add(d);
        }
        match char::from_u32(value) {
            Some(c) => {
                push_char(buf, c);
                Ok(())
            }
            None => Err(self.error(&message)),
        }
    }

    /// `~` or `~user` at the start of a word: a home directory.
    fn tilde(&mut self, buf: &mut Vec<u8>) -> Result<(), ParseError> {
        let mut name = String::new();
        loop {
            let c = self.src.get();
            match c {
                Some(c) if !"/ \t\n\"'".contains(c) => {
                    if name.len() >= MAX_NAME {
                        return Err(self.error("user name is too long"));
                    }
                    name.push(c);
                }
                _ => {
                    self.src.unget(c);
                    break;
                }
            }
        }
        let Some(home) = self.env.home(&name) else {
            return Err(self.error("syntax error"));
        };
        buf.extend_from_slice(home.as_bytes());
        Ok(())
    }

    /// `$NAME` or `${NAME}` (the `$` already read); a `$` not followed by a name is
    /// itself.
    fn variable(&mut self, buf: &mut Vec<u8>) -> Result<(), ParseError> {
        let Some(c) = self.src.get() else {
            return Err(self.error("syntax error"));
        };
        let braces = c == '{';
        let mut name = String::new();
        if !braces {
            if !is_var_char(c, true) {
                buf.push(b'$');
                self.src.unget(Some(c));
                return Ok(());
            }
            name.push(c);
        }
        loop {
            let c = self.src.get();
            if braces && c == Some('}') {
                break;
            }
            match c {
                Some(c) if is_var_char(c, false) => {
                    if name.len() >= MAX_NAME {
                        return Err(self.error("environment variable is too long"));
                    }
                    name.push(c);
                }
                _ if !braces => {
                    self.src.unget(c);
                    break;
                }
                _ => return Err(self.error("invalid environment variable")),
            }
        }
        let value = self
            .assigned
            .get(&name)
            .cloned()
            .or_else(|| self.env.var(&name));
        if let Some(value) = value {
            buf.extend_from_slice(value.as_bytes());
        }
        Ok(())
    }
}

fn push_char(buf: &mut Vec<u8>, c: char) {
    let mut tmp = [0; 4];
    buf.extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
}

/// Characters of a variable name: letters, digits (not first) and `_`.
fn is_var_char(c: char, first: bool) -> bool {
    if first && c.is_ascii_digit() {
        return false;
    }
    c.is_ascii_alphanumeric() || c == '_'
}

/// `NAME=value` with a valid name before the first `=`.
fn is_assignment(word: &str) -> bool {
    match word.split_once('=') {
        Some((name, _)) => {
            let mut chars = name.chars();
            chars.next().is_some_and(|c| is_var_char(c, true))
                && chars.all(|c| is_var_char(c, false))
        }
        None => false,
    }
}
