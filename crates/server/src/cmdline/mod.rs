//! tmux's command language (`cmd-parse.y`) for config files, the command prompt, key
//! bindings and `if-shell`/`run-shell` command strings, plus the argv splitting of the
//! command line.
//!
//! What a line may hold, as in tmux 3.3a:
//!
//! - words separated by spaces, `'single'` and `"double"` quotes (which may continue
//!   over lines), backslash escapes (`\e \n \t \\ \" \$ \; \s \ooo \uXXXX \UXXXXXXXX`,
//!   anything else is itself), `~` and `~user` at the start of a word, `$NAME` and
//!   `${NAME}` (not in single quotes);
//! - commands separated by `;` (alone or ending a word; `\;` is a literal `;`),
//!   `#` comments at the start of a word, a trailing `\` joining lines;
//! - `{ … }` as an argument: a block of commands over any number of lines, given to
//!   the command as one argument holding the commands as text, such as
//!   `display-message hi ; split-window -h` (tmux hands over a parsed list; for rmux
//!   every command that takes commands parses this text again, which gives the same
//!   commands; blocks inside blocks stay `{ … }` in the text);
//! - `%if COND` / `%elif COND` / `%else` / `%endif` (conditions are formats, expanded
//!   by [`ParseEnv::expand_condition`] while parsing; only the chosen branch's commands
//!   come out), `%hidden NAME=value` and `NAME=value` (returned as [`Assignment`]s, and
//!   seen by later `$NAME` in the same input).
//!
//! Differences from tmux, on purpose: [`parse_config`] reports every bad line and keeps
//! the commands of the good ones (tmux 3.3a reports the first error and runs none of the
//! file; callers wanting that run nothing when `errors` is not empty); line numbers
//! count newlines inside quotes (tmux's do not); an assignment inside a `%if` branch
//! applies only when that branch is chosen.

// The module keeps tmux's whole surface (every modifier, key and quoting helper) even
// where the server does not call it yet; the checks are made in this module's tests,
// and without this the server build would fail on each item whose caller is still to
// come.
#![allow(dead_code, unused_imports)]

mod argv;
mod lexer;
mod parser;
mod quote;
mod source;

#[cfg(test)]
mod tests;

use std::fmt;

use chrono::Local;

use super::format;

pub use argv::split_argv;
pub use quote::{join_command, join_commands, quote_arg};

/// Where the parser gets what it expands while parsing.
pub trait ParseEnv {
    /// The value of `$NAME` (tmux's global environment); `None` expands to nothing.
    fn var(&self, name: &str) -> Option<String>;

    /// The home directory for `~` (empty `user`) or `~user`; `None` is a syntax
    /// error, as in tmux. The default knows only `$HOME`.
    fn home(&self, user: &str) -> Option<String> {
        if user.is_empty() {
            self.var("HOME").filter(|h| !h.is_empty())
        } else {
            None
        }
    }

    /// Expands the format of a `%if`/`%elif` condition; the branch is taken when the
    /// result is true (non-empty, not `0`). The default expands with no variables, so
    /// only constant conditions (`%if 1`, `%if #{==:a,b}`) work.
    fn expand_condition(&self, condition: &str) -> String {
        format::expand_no_time(condition, &|_: &str| None, Local::now())
    }
}

impl<F: Fn(&str) -> Option<String>> ParseEnv for F {
    fn var(&self, name: &str) -> Option<String> {
        self(name)
    }
}

/// A parse environment with no variables (`$X` expands to nothing, `~` is an error).
#[derive(Clone, Copy, Debug, Default)]
pub struct NoEnv;

impl ParseEnv for NoEnv {
    fn var(&self, _name: &str) -> Option<String> {
        None
    }
}

/// One command: its arguments, command name first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Command {
    /// The line it ends on (1-based), for `file:line:` in errors.
    pub line: usize,
    pub argv: Vec<String>,
    /// Which arguments were `{ … }` blocks (their text is the block's commands), so
    /// they can be printed back as blocks; as long as `argv`.
    pub blocks: Vec<bool>,
}

/// A command of a config file.
pub type ConfigCommand = Command;

/// `NAME=value` or `%hidden NAME=value`: set in the global environment at parse time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assignment {
    pub line: usize,
    pub name: String,
    pub value: String,
    /// `%hidden`: not passed to new panes.
    pub hidden: bool,
}

/// A parse error, worded as tmux words it. Displays as the message alone; prefixing
/// `file:line: ` is the caller's business.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

/// An error in a config file.
pub type ConfigError = ParseError;

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ParseError {}

/// The commands of one string, and the assignments it made.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedLine {
    pub commands: Vec<Vec<String>>,
    /// For each command, which of its arguments were `{ … }` blocks.
    pub blocks: Vec<Vec<bool>>,
    pub assignments: Vec<Assignment>,
}

/// What a config file holds: commands in order, assignments, and every error.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedConfig {
    pub commands: Vec<ConfigCommand>,
    pub assignments: Vec<Assignment>,
    pub errors: Vec<ConfigError>,
}

/// Parses a command string (the prompt, a binding's command, a `{ … }` block's text);
/// the first error fails the whole string, as in tmux.
pub fn parse_line(input: &str, env: &dyn ParseEnv) -> Result<ParsedLine, ParseError> {
    let mut parser = parser::Parser::new(input, env, false);
    let commands = parser.parse();
    if let Some(error) = parser.errors.into_iter().next() {
        return Err(error);
    }
    let blocks = commands
        .iter()
        .map(|c| c.args.iter().map(|a| a.block).collect())
        .collect();
    let commands = commands
        .into_iter()
        .map(|c| c.args.into_iter().map(|a| a.text).collect())
        .collect();
    Ok(ParsedLine {
        commands,
        blocks,
        assignments: parser.assignments,
    })
}

/// Parses a config file, reporting each bad line and carrying on after it.
pub fn parse_config(text: &str, env: &dyn ParseEnv) -> ParsedConfig {
    let mut parser = parser::Parser::new(text, env, true);
    let commands = parser.parse();
    let commands = commands
        .into_iter()
        .map(|c| Command {
            line: c.line,
            blocks: c.args.iter().map(|a| a.block).collect(),
            argv: c.args.into_iter().map(|a| a.text).collect(),
        })
        .collect();
    ParsedConfig {
        commands,
        assignments: parser.assignments,
        errors: parser.errors,
    }
}
