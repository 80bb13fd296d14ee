//! The grammar of tmux's `cmd-parse.y` as a recursive-descent parser:
//!
//! ```text
//! statements := { statement NEWLINE }            (a block's last one may end at `}`)
//! statement  := empty | %hidden NAME=value | multi-line %if | commands
//! commands   := item { ';' [item] }              item := command | one-line %if
//! command    := NAME=value | [NAME=value] word { word | NAME=value | '{' statements '}' }
//! %if        := %if cond NEWLINE statements { %elif cond NEWLINE statements }
//!               [ %else NEWLINE statements ] %endif
//! ```
//!
//! Conditions are expanded as formats while parsing (through [`ParseEnv`]) and only
//! the first true branch is kept; assignments take effect while parsing, so a later
//! `$NAME` sees them. A `{ … }` block becomes one argument holding its commands as
//! text ([`super::join_commands`]), which parses back to the same commands.

use super::lexer::{Lexer, Tok, Token};
use super::quote::quote_arg;
use super::{Assignment, ParseEnv, ParseError, format};

/// One argument, remembering whether it was a `{ … }` block.
#[derive(Clone, Debug)]
pub(super) struct Arg {
    pub text: String,
    pub block: bool,
}

/// A parsed command.
#[derive(Clone, Debug)]
pub(super) struct Command {
    pub line: usize,
    pub args: Vec<Arg>,
}

/// Commands as one line of text that parses back to them: arguments quoted, blocks
/// kept as `{ … }`, commands separated by ` ; `.
fn block_text(commands: &[Command]) -> String {
    let each = commands.iter().map(|c| {
        let args = c.args.iter().map(|a| match (a.block, a.text.is_empty()) {
            (true, true) => "{ }".to_string(),
            (true, false) => format!("{{ {} }}", a.text),
            (false, _) => quote_arg(&a.text),
        });
        args.collect::<Vec<_>>().join(" ")
    });
    each.collect::<Vec<_>>().join(" ; ")
}

/// Deepest nesting of blocks and `%if`s accepted; deeper input is refused whole so no
/// file can exhaust the stack.
const MAX_NESTING: u32 = 100;

/// What ends a run of statements.
#[derive(Clone, Copy, PartialEq, Eq)]
enum End {
    /// The end of the input.
    Input,
    /// The `}` of a block.
    Brace,
    /// `%elif`, `%else` or `%endif`.
    Branch,
}

pub(super) struct Parser<'a> {
    lex: Lexer<'a>,
    env: &'a dyn ParseEnv,
    peeked: Option<Token>,
    /// Line of the last token consumed.
    line: usize,
    /// Keep going after an error (config files) rather than stopping at the first.
    recover: bool,
    /// Nesting of the statements being parsed.
    depth: u32,
    /// An error that ends the parse, recovery or not.
    fatal: bool,
    pub errors: Vec<ParseError>,
    pub assignments: Vec<Assignment>,
}

fn syntax_error(line: usize) -> ParseError {
    ParseError {
        line,
        message: "syntax error".to_string(),
    }
}

impl<'a> Parser<'a> {
    pub fn new(text: &str, env: &'a dyn ParseEnv, recover: bool) -> Self {
        Parser {
            lex: Lexer::new(text, env),
            env,
            peeked: None,
            line: 1,
            recover,
            depth: 0,
            fatal: false,
            errors: Vec::new(),
            assignments: Vec::new(),
        }
    }

    /// Parses everything; errors are in `self.errors`.
    pub fn parse(&mut self) -> Vec<Command> {
        match self.statements(End::Input, true) {
            Ok(commands) => commands,
            Err(e) => {
                self.errors.push(e);
                Vec::new()
            }
        }
    }

    fn peek(&mut self) -> Result<&Tok, ParseError> {
        if self.peeked.is_none() {
            self.peeked = Some(self.lex.next()?);
        }
        match &self.peeked {
            Some(t) => Ok(&t.tok),
            None => Err(syntax_error(self.line)),
        }
    }

    fn bump(&mut self) -> Result<Tok, ParseError> {
        self.peek()?;
        let token = self.peeked.take().ok_or_else(|| syntax_error(self.line))?;
        self.line = token.line;
        Ok(token.tok)
    }

    /// A syntax error at the next token, which is left unconsumed.
    fn unexpected(&mut self) -> ParseError {
        let line = self.peeked.as_ref().map_or(self.line, |t| t.line);
        syntax_error(line)
    }

    fn expect(&mut self, want: &Tok) -> Result<(), ParseError> {
        if self.peek()? == want {
            self.bump()?;
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    /// Statements up to `end` (not consumed). With recovery on, a bad statement is
    /// reported and skipped to the end of its line; a block with such an error is
    /// dropped by the caller, who sees the error count grow.
    fn statements(&mut self, end: End, active: bool) -> Result<Vec<Command>, ParseError> {
        if self.depth >= MAX_NESTING {
            self.fatal = true;
            return Err(ParseError {
                line: self.line,
                message: "nesting too deep".to_string(),
            });
        }
        self.depth += 1;
        let result = self.statements_inner(end, active);
        self.depth -= 1;
        result
    }

    fn statements_inner(&mut self, end: End, active: bool) -> Result<Vec<Command>, ParseError> {
        let mut out = Vec::new();
        loop {
            let at_end = match self.peek() {
                Ok(tok) => matches!(
                    (end, tok),
                    (End::Input, Tok::Eof)
                        | (End::Brace, Tok::Close)
                        | (End::Branch, Tok::Elif | Tok::Else | Tok::Endif)
                ),
                Err(e) => {
                    self.recover_from(e)?;
                    continue;
                }
            };
            if at_end {
                return Ok(out);
            }
            match self.statement_line(end, active) {
                Ok(commands) => out.extend(commands),
                Err(e) => {
                    if matches!(self.peeked.as_ref().map(|t| &t.tok), Some(Tok::Eof)) {
                        return Err(e);
                    }
                    self.recover_from(e)?;
                }
            }
        }
    }

    /// Records an error and skips past the rest of its line; without recovery, or at
    /// the end of the input, gives it back.
    fn recover_from(&mut self, e: ParseError) -> Result<(), ParseError> {
        if !self.recover || self.fatal {
            return Err(e);
        }
        self.errors.push(e);
        match self.peeked.take().map(|t| t.tok) {
            Some(Tok::Newline) => {}
            Some(Tok::Eof) => {
                self.peeked = Some(Token {
                    tok: Tok::Eof,
                    line: self.line,
                })
            }
            _ => self.lex.skip_line(),
        }
        Ok(())
    }

    /// One statement and what ends it: a newline, or the `}` of a block, or the end.
    fn statement_line(&mut self, end: End, active: bool) -> Result<Vec<Command>, ParseError> {
        let commands = self.statement(active)?;
        match self.peek()? {
            Tok::Newline => {
                self.bump()?;
            }
            Tok::Close if end == End::Brace => {}
            Tok::Eof if end == End::Input => {}
            _ => return Err(self.unexpected()),
        }
        Ok(commands)
    }

    fn statement(&mut self, active: bool) -> Result<Vec<Command>, ParseError> {
        match self.peek()? {
            Tok::Newline | Tok::Eof | Tok::Close => Ok(Vec::new()),
            Tok::Hidden => {
                self.bump()?;
                let Tok::Assign(word) = self.bump()? else {
                    return Err(syntax_error(self.line));
                };
                self.assign(&word, true, active);
                Ok(Vec::new())
            }
            Tok::If => {
                let condition = self.if_open()?;
                if self.peek()? == &Tok::Newline {
                    self.bump()?;
                    self.if_lines(condition, active)
                } else {
                    let first = self.if_inline(condition, active)?;
                    self.commands(active, first)
                }
            }
            _ => {
                let first = self.item(active)?;
                self.commands(active, first)
            }
        }
    }

    /// `;`-separated commands, after the first item.
    fn commands(
        &mut self,
        active: bool,
        mut out: Vec<Command>,
    ) -> Result<Vec<Command>, ParseError> {
        while self.peek()? == &Tok::Semicolon {
            self.bump()?;
            if matches!(self.peek()?, Tok::Word(_) | Tok::Assign(_) | Tok::If) {
                out.extend(self.item(active)?);
            }
        }
        Ok(out)
    }

    /// A command or a one-line `%if`.
    fn item(&mut self, active: bool) -> Result<Vec<Command>, ParseError> {
        if self.peek()? == &Tok::If {
            let condition = self.if_open()?;
            return self.if_inline(condition, active);
        }
        Ok(self.command(active)?.into_iter().collect())
    }

    fn command(&mut self, active: bool) -> Result<Option<Command>, ParseError> {
        let mut argv: Vec<Arg> = Vec::new();
        let word = |text: String| Arg { text, block: false };
        match self.bump()? {
            Tok::Assign(assignment) => {
                // As in tmux, the assignment takes effect once the next token is known.
                let next_is_word = matches!(self.peek()?, Tok::Word(_));
                self.assign(&assignment, false, active);
                if !next_is_word {
                    return Ok(None);
                }
                if let Tok::Word(name) = self.bump()? {
                    argv.push(word(name));
                }
            }
            Tok::Word(name) => argv.push(word(name)),
            _ => return Err(syntax_error(self.line)),
        }
        let errors_before = self.errors.len();
        loop {
            match self.peek()? {
                Tok::Word(_) | Tok::Assign(_) => {
                    if let Tok::Word(arg) | Tok::Assign(arg) = self.bump()? {
                        argv.push(word(arg));
                    }
                }
                Tok::Open => {
                    self.bump()?;
                    let block = self.statements(End::Brace, active)?;
                    self.expect(&Tok::Close)?;
                    argv.push(Arg {
                        text: block_text(&block),
                        block: true,
                    });
                }
                _ => break,
            }
        }
        let broken = self.errors.len() > errors_before;
        Ok((active && !broken).then_some(Command {
            line: self.line,
            args: argv,
        }))
    }

    fn assign(&mut self, word: &str, hidden: bool, active: bool) {
        if !active {
            return;
        }
        let Some((name, value)) = word.split_once('=') else {
            return;
        };
        self.lex
            .assigned
            .insert(name.to_string(), value.to_string());
        self.assignments.push(Assignment {
            line: self.line,
            name: name.to_string(),
            value: value.to_string(),
            hidden,
        });
    }

    /// `%if` or `%elif` and its condition, expanded; whether it is true.
    fn if_open(&mut self) -> Result<bool, ParseError> {
        self.bump()?;
        match self.bump()? {
            Tok::Format(text) | Tok::Word(text) => {
                Ok(format::is_true(&self.env.expand_condition(&text)))
            }
            _ => Err(syntax_error(self.line)),
        }
    }

    /// The multi-line `%if` after its first condition line.
    fn if_lines(&mut self, first: bool, active: bool) -> Result<Vec<Command>, ParseError> {
        let mut chosen = Vec::new();
        let mut taken = false;
        let mut condition = first;
        loop {
            let branch_active = active && condition && !taken;
            let body = self.statements(End::Branch, branch_active)?;
            if branch_active {
                chosen = body;
            }
            taken |= condition;
            match self.peek()? {
                Tok::Elif => {
                    condition = self.if_open()?;
                    self.expect(&Tok::Newline)?;
                }
                Tok::Else => {
                    self.bump()?;
                    self.expect(&Tok::Newline)?;
                    let branch_active = active && !taken;
                    let body = self.statements(End::Branch, branch_active)?;
                    if branch_active {
                        chosen = body;
                    }
                    self.expect(&Tok::Endif)?;
                    return Ok(chosen);
                }
                _ => {
                    self.expect(&Tok::Endif)?;
                    return Ok(chosen);
                }
            }
        }
    }

    /// The one-line `%if cond commands [%elif cond commands] [%else commands] %endif`.
    fn if_inline(&mut self, first: bool, active: bool) -> Result<Vec<Command>, ParseError> {
        let mut chosen = Vec::new();
        let mut taken = false;
        let mut condition = first;
        loop {
            let branch_active = active && condition && !taken;
            let head = self.item(branch_active)?;
            let body = self.commands(branch_active, head)?;
            if branch_active {
                chosen = body;
            }
            taken |= condition;
            match self.peek()? {
                Tok::Elif => condition = self.if_open()?,
                Tok::Else => {
                    self.bump()?;
                    let branch_active = active && !taken;
                    let head = self.item(branch_active)?;
                    let body = self.commands(branch_active, head)?;
                    if branch_active {
                        chosen = body;
                    }
                    self.expect(&Tok::Endif)?;
                    return Ok(chosen);
                }
                _ => {
                    self.expect(&Tok::Endif)?;
                    return Ok(chosen);
                }
            }
        }
    }
}
