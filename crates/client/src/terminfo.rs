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
        read_entry(term)
    };
    let Some(info) = info else {
        let colors = if term.contains("256col") || term.contains("direct") {
            256
        } else {
            8
        };
        return vec![format!("colors={colors}")];
    };
    listed(&info)
}

/// What rmux looks at in an entry, as `capabilities` reports it.
fn listed(info: &TermInfo) -> Vec<String> {
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

/// `term`'s compiled entry, looked for where ncurses looks. Read whole and parsed from
/// memory: the terminfo crate's own lookup reads the file a byte at a time, hundreds of
/// system calls before the first frame.
fn read_entry(term: &str) -> Option<TermInfo> {
    let first = term.chars().next()?;
    let mut dirs: Vec<std::path::PathBuf> = Vec::new();
    match std::env::var_os("TERMINFO") {
        Some(dir) => dirs.push(dir.into()),
        None => {
            if let Some(home) = std::env::var_os("HOME") {
                dirs.push(std::path::Path::new(&home).join(".terminfo"));
            }
        }
    }
    if let Ok(list) = std::env::var("TERMINFO_DIRS") {
        dirs.extend(list.split(':').filter(|d| !d.is_empty()).map(Into::into));
    }
    if let Some(prefix) = std::env::var_os("PREFIX") {
        let prefix = std::path::Path::new(&prefix);
        for sub in ["etc/terminfo", "lib/terminfo", "share/terminfo"] {
            dirs.push(prefix.join(sub));
        }
    }
    for dir in ["/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo"] {
        dirs.push(dir.into());
    }
    for dir in dirs {
        // The usual layout (x/xterm) and the hashed one some systems use (78/xterm).
        for sub in [first.to_string(), format!("{:x}", u32::from(first))] {
            if let Ok(bytes) = std::fs::read(dir.join(sub).join(term)) {
                return TermInfo::parse(bytes.as_slice()).ok();
            }
        }
    }
    None
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

    /// The entry read here is the one the terminfo crate finds by itself.
    #[test]
    fn the_entry_is_found_where_ncurses_keeps_it() {
        for term in [
            "xterm-256color",
            "xterm",
            "screen",
            "tmux-256color",
            "vt100",
        ] {
            let ours = read_entry(term).map(|i| {
                (
                    listed(&i),
                    i.raw_string_cap(termini::StringCapability::CursorAddress)
                        .map(<[u8]>::to_vec),
                )
            });
            let theirs = TermInfo::from_name(term).ok().map(|i| {
                (
                    listed(&i),
                    i.raw_string_cap(termini::StringCapability::CursorAddress)
                        .map(<[u8]>::to_vec),
                )
            });
            assert_eq!(ours, theirs, "{term}");
        }
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
