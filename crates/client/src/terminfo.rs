//! What the user's terminal says it can do, from its terminfo entry: the client reads
//! it (it has the terminal) and hands the server the capabilities that decide how
//! frames are drawn.

use termini::{NumberCapability, TermInfo, Value};

/// Extended capabilities rmux looks at (tmux's names).
const EXTENDED: [&str; 13] = [
    "Tc", "RGB", "setrgbf", "setrgbb", "Smulx", "Setulc", "smxx", "Smol", "Ss", "Cs", "Sync", "Ms",
    "kmous",
];

/// The capabilities of `$TERM`'s entry as `colors=N` and the names of those present.
/// A terminal with no entry here (an SSH login from a newer terminal) is guessed from its
/// name rather than refused as tmux refuses it.
pub fn capabilities(term: &str) -> Vec<String> {
    let info = if term.is_empty() || term.contains('/') {
        None
    } else {
        TermInfo::from_name(term).ok()
    };
    let Some(info) = info else {
        let colors = if term.contains("256col") || term.contains("direct") {
            256
        } else {
            8
        };
        return vec![format!("colors={colors}")];
    };
    let mut caps = Vec::new();
    let colors = info.number_cap(NumberCapability::MaxColors).unwrap_or(8);
    caps.push(format!("colors={colors}"));
    for name in EXTENDED {
        match info.extended_cap(name) {
            None => {}
            Some(Value::Number(n)) => caps.push(format!("{name}={n}")),
            Some(_) => caps.push(name.to_string()),
        }
    }
    caps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_terminal_is_guessed_from_its_name() {
        assert_eq!(
            capabilities("no-such-terminal-256color"),
            vec!["colors=256"]
        );
        assert_eq!(capabilities(""), vec!["colors=8"]);
        assert_eq!(capabilities("../../etc/passwd"), vec!["colors=8"]);
    }

    #[test]
    fn a_known_terminal_reports_its_colours() {
        // xterm-256color ships with every ncurses; skip quietly where it does not.
        let caps = capabilities("xterm-256color");
        if caps.len() > 1 {
            assert_eq!(caps[0], "colors=256");
        }
    }
}
