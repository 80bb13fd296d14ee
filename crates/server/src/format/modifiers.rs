//! The modifier list at the front of a `#{…}` block: `=10;s/a/b/:` and friends.
//!
//! Modifiers are separated by `;` and end at `:`. Each is one of the argument-less
//! letters, a two-character operator (`==`, `||`, …), or a letter taking arguments:
//! either one bare argument (`=10`, `p-5`) or several separated by a punctuation
//! character of the user's choice (`s/a/b/`, `s|a|b|`, `e|+|f|2`). Arguments are
//! expanded as formats when parsed. When the list does not parse, the block has no
//! modifiers and its whole text is the name, as in tmux 3.3a.

use super::expand::{Expander, Flags};
use super::scan::skip;

/// Letters that take no argument (in tmux 3.3a).
const BARE: &[u8] = b"labcdnwETSWP<>";
/// Two-character operators.
const OPERATORS: [&[u8]; 6] = [b"||", b"&&", b"!=", b"==", b"<=", b">="];
/// Letters that may take arguments (in tmux 3.3a).
const WITH_ARGS: &[u8] = b"mCNst=peq";

/// One parsed modifier.
#[derive(Debug)]
pub(super) struct Modifier {
    pub name: String,
    pub args: Vec<String>,
}

/// Parses the modifiers of `key`. Returns them (perhaps none, for `#{:name}`) and the
/// offset of the text after the `:`, or nothing (and the whole key is the name) if
/// there is no `:` or the list is malformed.
pub(super) fn parse(
    exp: &mut Expander<'_>,
    key: &str,
    flags: Flags,
) -> Option<(Vec<Modifier>, usize)> {
    let b = key.as_bytes();
    let mut list = Vec::new();
    let mut i = 0;
    let is_end = |at: usize| matches!(b.get(at), Some(b';' | b':'));
    while i < b.len() && b[i] != b':' {
        if b[i] == b';' {
            i += 1;
        }
        let Some(&c) = b.get(i) else { break };
        if BARE.contains(&c) && is_end(i + 1) {
            list.push(Modifier {
                name: char::from(c).to_string(),
                args: Vec::new(),
            });
            i += 1;
            continue;
        }
        let pair = b.get(i..i + 2);
        if OPERATORS.iter().any(|op| pair == Some(*op)) && is_end(i + 2) {
            list.push(Modifier {
                name: key.get(i..i + 2)?.to_string(),
                args: Vec::new(),
            });
            i += 2;
            continue;
        }
        if !WITH_ARGS.contains(&c) {
            break;
        }
        let name = char::from(c).to_string();
        if is_end(i + 1) {
            list.push(Modifier {
                name,
                args: Vec::new(),
            });
            i += 1;
            continue;
        }
        let Some(&next) = b.get(i + 1) else { break };
        if !next.is_ascii_punctuation() || next == b'-' {
            // One bare argument.
            let Some(end) = skip(key, i + 1, b":;") else {
                break;
            };
            let arg = exp.expand1(key.get(i + 1..end)?, flags);
            list.push(Modifier {
                name,
                args: vec![arg],
            });
            i = end;
            continue;
        }
        // Arguments between a separator character of the user's choice.
        let ends = [next, b';', b':'];
        let mut args = Vec::new();
        i += 1;
        loop {
            if b.get(i) == Some(&next) && is_end(i + 1) {
                i += 1;
                break;
            }
            let Some(end) = skip(key, i + 1, &ends) else {
                break;
            };
            args.push(exp.expand1(key.get(i + 1..end)?, flags));
            i = end;
            if is_end(i) {
                break;
            }
        }
        list.push(Modifier { name, args });
    }
    if b.get(i) != Some(&b':') {
        return None;
    }
    Some((list, i + 1))
}
