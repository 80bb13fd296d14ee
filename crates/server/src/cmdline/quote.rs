//! Quoting arguments so they read back as they were: for `{ … }` blocks kept as text,
//! and for showing commands, key names and option values as tmux does (`list-keys`,
//! `show-options`).
//!
//! The shape follows tmux's `args_escape`: plain words stay bare, a lone special
//! character gets a backslash (`\;`, `\#`, `\~`), words with spaces or `#';${}%` go
//! in double quotes, words with only `"` in single quotes; control characters are
//! written as C escapes. Unlike tmux, a word that needs escapes is never put in single
//! quotes (where escapes are not read), so the result always parses back exactly.

/// Characters that make tmux double-quote a word.
const DOUBLE_QUOTED: &str = " #';${}%";
/// Characters that make tmux single-quote a word.
const SINGLE_QUOTED: &str = " \"";

/// One argument as tmux would show it, and as the parser reads back.
pub fn quote_arg(s: &str) -> String {
    if s.is_empty() {
        return "''".to_string();
    }
    let double = s.contains(|c| DOUBLE_QUOTED.contains(c));
    let single = !double && s.contains(|c| SINGLE_QUOTED.contains(c));
    let mut chars = s.chars();
    if let (Some(only), None) = (chars.next(), chars.next())
        && only != ' '
        && (double || single || only == '~')
    {
        return format!("\\{only}");
    }
    let plain = escape(s, false);
    if single && plain == s {
        return format!("'{s}'");
    }
    if double || single {
        let inner = escape(s, true);
        return if inner.starts_with('~') {
            format!("\"\\{inner}\"")
        } else {
            format!("\"{inner}\"")
        };
    }
    if plain.starts_with('~') {
        format!("\\{plain}")
    } else {
        plain
    }
}

/// C-style escapes for backslashes and control characters; inside double quotes also
/// for `"`, and for a `$` that would start a variable name.
fn escape(s: &str, in_double_quotes: bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\x07' => out.push_str("\\a"),
            '\x08' => out.push_str("\\b"),
            '\x0b' => out.push_str("\\v"),
            '\x0c' => out.push_str("\\f"),
            '"' if in_double_quotes => out.push_str("\\\""),
            '$' if in_double_quotes
                && chars
                    .peek()
                    .is_some_and(|&n| n.is_ascii_alphabetic() || n == '_' || n == '{') =>
            {
                out.push_str("\\$");
            }
            c if c.is_ascii_control() => out.push_str(&format!("\\{:03o}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// A command's arguments quoted and joined with spaces.
pub fn join_command(argv: &[String]) -> String {
    argv.iter()
        .map(|a| quote_arg(a))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Commands joined with ` ; `, as tmux prints a command list.
pub fn join_commands(commands: &[Vec<String>]) -> String {
    commands
        .iter()
        .map(|c| join_command(c))
        .collect::<Vec<_>>()
        .join(" ; ")
}
