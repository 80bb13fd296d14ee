//! tmux formats: the `#{…}` language of the status line, `display-message -p`,
//! `list-* -F` and choose-tree, plus style strings (`fg=red,bold`) in [`style`].
//!
//! The behaviour follows tmux 3.3a, quirks included, because users copy status-line
//! snippets from the web and expect them to render the same:
//!
//! - `#{name}` looks a variable up through [`FormatContext`]; unknown names expand to
//!   nothing. `#S #I #W #F #T #H #h #P #D` are short forms; `##`, `#,` and `#}` escape.
//! - Modifiers: `?` (conditional), `==` `!=` `<` `>` `<=` `>=` `||` `&&` (comparisons;
//!   in 3.3a `||`/`&&` take exactly two operands and there is no `!`), `m` (fnmatch,
//!   `m/r` regular expression, `/i` ignore case), `=N` `=-N` `=/N/marker` (trim by
//!   display width), `pN` `p-N` (pad), `l` (literal), `t` `t/p` `t/f/fmt` (times),
//!   `b` `d` (basename, dirname), `s/re/with/flags` (POSIX-style regular expression
//!   substitution), `e|op|flags|precision` (arithmetic), `n` (length), `w` (width),
//!   `q` (shell quoting), `a` (character from a number), `c` (colour as hex), `E` and
//!   `T` (expand the value again, `T` with strftime), `S` `W` `P` (loops over sessions,
//!   windows and panes that the context provides).
//! - `#(command)` asks the context for a job's output ([`FormatContext::job`]).
//! - A modifier that fails to parse (a conditional without an else, a comparison
//!   without a comma) ends the expansion there: the rest of the template is dropped,
//!   exactly as tmux 3.3a does.
//! - `#[…]` style blocks pass through unchanged; [`style::styled_segments`] splits the
//!   result into styled runs for drawing.
//!
//! Expansion is bounded (recursion depth 100 as in tmux, plus a total work budget) so a
//! self-referencing user option cannot hang the server.

// The module keeps tmux's whole surface (every modifier, key and quoting helper) even
// where the server does not call it yet; the checks are made in this module's tests,
// and without this the server build would fail on each item whose caller is still to
// come.
#![allow(dead_code, unused_imports)]

mod colour;
mod colour_names;
mod expand;
mod expr;
mod fnmatch;
mod modifiers;
mod regex;
mod scan;
pub mod style;
mod time;
mod width;

#[cfg(test)]
mod tests;

use chrono::{DateTime, Local};

pub use colour::{ColourSpec, parse_colour};
pub use fnmatch::fnmatch;
pub use regex::compile as compile_regex;
pub use time::{ctime, strftime};
pub use width::{format_width, trim_left, trim_right};

/// Where format variables come from: a session, window, pane or client, or a test map.
pub trait FormatContext {
    /// Value of a format variable such as `session_name`, `window_index` or
    /// `pane_title` (user options like `@foo` included); `None` if unknown here.
    fn var(&self, name: &str) -> Option<String>;

    /// The latest output of the shell command of a `#(command)` block, `None` while
    /// there is none. Running the command (in the background, as tmux does) is the
    /// caller's business; the default runs nothing.
    fn job(&self, _command: &str) -> Option<String> {
        None
    }

    /// What `#{S:…}`, `#{W:…}` and `#{P:…}` loop over, in order. The default has none.
    fn children(&self, _kind: LoopKind) -> Vec<LoopItem<'_>> {
        Vec::new()
    }
}

/// The kind of a format loop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoopKind {
    /// `#{S:…}`: every session.
    Sessions,
    /// `#{W:…}`: the windows of the current session.
    Windows,
    /// `#{P:…}`: the panes of the current window.
    Panes,
}

/// One element of a format loop: its own variables, and whether it is the current
/// session, window or pane (which selects the second format of `#{W:all,current}`).
pub struct LoopItem<'a> {
    pub ctx: Box<dyn FormatContext + 'a>,
    pub current: bool,
}

impl<F: Fn(&str) -> Option<String>> FormatContext for F {
    fn var(&self, name: &str) -> Option<String> {
        self(name)
    }
}

impl FormatContext for std::collections::HashMap<String, String> {
    fn var(&self, name: &str) -> Option<String> {
        self.get(name).cloned()
    }
}

impl FormatContext for std::collections::BTreeMap<String, String> {
    fn var(&self, name: &str) -> Option<String> {
        self.get(name).cloned()
    }
}

/// Expands a template the way tmux expands status-line options and
/// `display-message`: strftime escapes (`%H:%M`) first, at `now`, then formats.
pub fn expand(template: &str, ctx: &dyn FormatContext, now: DateTime<Local>) -> String {
    expand::Expander::new(ctx, now).run(template, expand::Flags::TIME)
}

/// Expands a template without the strftime pass, as `list-windows -F`, `list-panes -F`
/// and choose-tree do (a `%` stays a `%`). `now` is still needed by `#{t/p:…}`.
pub fn expand_no_time(template: &str, ctx: &dyn FormatContext, now: DateTime<Local>) -> String {
    expand::Expander::new(ctx, now).run(template, expand::Flags::NONE)
}

/// tmux's notion of truth for `#{?…}`, `%if` and friends: non-empty and not `0`.
pub fn is_true(value: &str) -> bool {
    !value.is_empty() && value != "0"
}
