//! What an attached client's terminal can show, decided as tmux decides it: from the
//! terminal's terminfo entry (read by the client, which has the terminal), then the
//! `terminal-features` and `terminal-overrides` options whose pattern matches `TERM`.
//!
//! rmux also looks where tmux does not: `COLORTERM=truecolor|24bit` means 24-bit colour,
//! and a terminal that names itself in the environment (`TERM_PROGRAM`, `VTE_VERSION`,
//! …) gets the features that terminal is known to have, as tmux grants them to a
//! terminal that names itself in its answer to a device-attributes query.

use rmux_proto::{Feature, TerminalFeatures};

use crate::format::fnmatch;

/// The facts about one client's terminal.
pub struct TerminalFacts<'a> {
    /// `$TERM`.
    pub term: &'a str,
    /// Capabilities of its terminfo entry (`colors=256`, `Smulx`, …).
    pub terminfo: &'a [String],
    /// Features the user named (`rmux -T RGB,usstyle`).
    pub named: &'a str,
    /// A variable of the client's environment.
    pub env: &'a dyn Fn(&str) -> Option<&'a str>,
}

/// The features of a terminal, given the `terminal-features` and `terminal-overrides`
/// entries in force.
pub fn features(
    facts: &TerminalFacts<'_>,
    feature_opt: &[&str],
    overrides: &[&str],
) -> TerminalFeatures {
    let mut f = TerminalFeatures::default();
    for cap in facts.terminfo {
        apply_capability(&mut f, cap);
    }
    if matches!((facts.env)("COLORTERM"), Some("truecolor" | "24bit")) {
        f.add(Feature::Rgb);
    }
    for name in known_terminal(facts) {
        add_names(&mut f, name);
    }
    add_names(&mut f, facts.named);
    for entry in feature_opt {
        let mut parts = split_entry(entry).into_iter();
        if parts.next().is_some_and(|p| fnmatch(&p, facts.term, false)) {
            for name in parts {
                add_names(&mut f, &name);
            }
        }
    }
    for entry in overrides {
        let mut parts = split_entry(entry).into_iter();
        if parts.next().is_some_and(|p| fnmatch(&p, facts.term, false)) {
            for cap in parts {
                apply_capability(&mut f, &cap);
            }
        }
    }
    f
}

/// `pattern:item:item`, where `\:` is a colon inside an item.
fn split_entry(entry: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut part = String::new();
    let mut chars = entry.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    if next != ':' {
                        part.push('\\');
                    }
                    part.push(next);
                }
            }
            ':' => parts.push(std::mem::take(&mut part)),
            c => part.push(c),
        }
    }
    parts.push(part);
    parts
}

/// Feature names separated by `,` (unknown names are skipped, as tmux does).
fn add_names(f: &mut TerminalFeatures, names: &str) {
    for name in names.split(',') {
        match Feature::from_name(name) {
            Some(feature) => f.add(feature),
            None if !name.is_empty() => tracing::debug!(name, "unknown terminal feature"),
            None => {}
        }
    }
}

/// A terminfo capability as `name`, `name=value` or `name@` (removed), as terminfo
/// entries and `terminal-overrides` spell them.
fn apply_capability(f: &mut TerminalFeatures, cap: &str) {
    let (name, value, removed) = match cap.split_once('=') {
        Some((n, v)) => (n, Some(v), false),
        None => match cap.strip_suffix('@') {
            Some(n) => (n, None, true),
            None => (cap, None, false),
        },
    };
    let feature = match name {
        "colors" => {
            if let Some(n) = value.and_then(parse_number) {
                f.set_colors(u16::try_from(n).unwrap_or(u16::MAX));
                if n >= 256 {
                    f.add(Feature::Colors256);
                } else {
                    f.remove(Feature::Colors256);
                    f.remove(Feature::Rgb);
                }
            }
            return;
        }
        "Tc" | "RGB" | "setrgbf" | "setrgbb" => Feature::Rgb,
        "Smulx" | "Setulc" => Feature::Usstyle,
        "smxx" => Feature::Strikethrough,
        "Smol" => Feature::Overline,
        "Ss" | "Se" => Feature::Cstyle,
        "Cs" | "Cr" => Feature::Ccolour,
        "Sync" => Feature::Sync,
        "Ms" => Feature::Clipboard,
        "Enbp" => Feature::Bpaste,
        "Enfcs" => Feature::Focus,
        "kmous" => Feature::Mouse,
        "tsl" => Feature::Title,
        _ => return,
    };
    if removed {
        f.remove(feature);
    } else {
        f.add(feature);
    }
}

/// terminfo numbers are decimal, `0x` hexadecimal or `0` octal.
fn parse_number(v: &str) -> Option<u32> {
    if let Some(hex) = v.strip_prefix("0x").or_else(|| v.strip_prefix("0X")) {
        u32::from_str_radix(hex, 16).ok()
    } else if v.len() > 1 && v.starts_with('0') {
        u32::from_str_radix(&v[1..], 8).ok()
    } else {
        v.parse().ok()
    }
}

/// The modern-xterm base tmux gives every terminal it recognises.
const MODERN: &str = "256,RGB,bpaste,clipboard,mouse,strikethrough,title";

/// Features of terminals that say who they are, through `TERM` or their environment.
fn known_terminal(facts: &TerminalFacts<'_>) -> Vec<&'static str> {
    let env = |name: &str| (facts.env)(name);
    let mut out = Vec::new();
    let term = facts.term;
    if env("TMUX").is_some() || env("RMUX").is_some() || term.starts_with("tmux") {
        out.extend([MODERN, "ccolour,cstyle,focus,overline,usstyle,hyperlinks"]);
    }
    if term == "xterm-kitty" || env("KITTY_WINDOW_ID").is_some() {
        out.extend([
            MODERN,
            "ccolour,cstyle,extkeys,focus,overline,usstyle,sync,hyperlinks",
        ]);
    }
    if term.starts_with("foot") || term == "wezterm" || term == "xterm-ghostty" {
        out.extend([
            MODERN,
            "ccolour,cstyle,extkeys,focus,overline,usstyle,sync,hyperlinks",
        ]);
    }
    if term == "alacritty" || env("ALACRITTY_WINDOW_ID").is_some() {
        out.extend([MODERN, "ccolour,cstyle,focus,usstyle,sync,hyperlinks"]);
    }
    if env("VTE_VERSION").is_some() {
        out.extend([
            MODERN,
            "ccolour,cstyle,focus,overline,usstyle,sync,hyperlinks",
        ]);
    }
    if env("KONSOLE_VERSION").is_some() || env("WT_SESSION").is_some() {
        out.extend([MODERN, "cstyle,focus,hyperlinks"]);
    }
    match env("TERM_PROGRAM") {
        Some("iTerm.app") => out.extend([
            MODERN,
            "cstyle,extkeys,margins,usstyle,sync,osc7,hyperlinks",
        ]),
        Some("WezTerm") => out.extend([
            MODERN,
            "ccolour,cstyle,extkeys,focus,overline,usstyle,sync,hyperlinks",
        ]),
        // xterm.js draws underline styles and colours and overlines.
        Some("vscode") => out.extend([MODERN, "cstyle,focus,overline,usstyle,hyperlinks"]),
        Some("ghostty") => out.extend([
            MODERN,
            "ccolour,cstyle,extkeys,focus,overline,usstyle,sync,hyperlinks",
        ]),
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rmux_proto::ColorDepth;

    const TMUX_DEFAULT: [&str; 2] = [
        "xterm*:clipboard:ccolour:cstyle:focus:title",
        "screen*:title",
    ];

    fn caps(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn decide(
        term: &str,
        terminfo: &[&str],
        env: &[(&str, &str)],
        overrides: &[&str],
    ) -> TerminalFeatures {
        let terminfo = caps(terminfo);
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let lookup = |name: &str| env.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
        let facts = TerminalFacts {
            term,
            terminfo: &terminfo,
            named: "",
            env: &lookup,
        };
        features(&facts, &TMUX_DEFAULT, overrides)
    }

    #[test]
    fn xterm_256color_has_256_colours_and_the_default_features() {
        let f = decide(
            "xterm-256color",
            &["colors=256", "smxx", "Ss", "Cs"],
            &[],
            &[],
        );
        assert_eq!(f.depth(), ColorDepth::Colors256);
        assert!(f.has(Feature::Strikethrough));
        assert!(f.has(Feature::Clipboard) && f.has(Feature::Focus));
        assert!(!f.has(Feature::Usstyle) && !f.has(Feature::Hyperlinks));
    }

    #[test]
    fn colorterm_or_an_override_gives_24_bit_colour() {
        let ti = ["colors=256"];
        let plain = decide("xterm-256color", &ti, &[], &[]);
        assert_eq!(plain.depth(), ColorDepth::Colors256);
        let env = decide("xterm-256color", &ti, &[("COLORTERM", "truecolor")], &[]);
        assert_eq!(env.depth(), ColorDepth::Rgb);
        let tc = decide("xterm-256color", &ti, &[], &["xterm-256color:Tc"]);
        assert_eq!(tc.depth(), ColorDepth::Rgb);
        let rgb = decide("xterm-256color", &ti, &[], &["*256col*:RGB"]);
        assert_eq!(rgb.depth(), ColorDepth::Rgb);
        let other = decide("xterm-256color", &ti, &[], &["screen*:RGB"]);
        assert_eq!(other.depth(), ColorDepth::Colors256);
    }

    #[test]
    fn the_linux_console_gets_eight_colours_and_no_extras() {
        let f = decide("linux", &["colors=8"], &[], &[]);
        assert_eq!(f.depth(), ColorDepth::Colors8);
        assert!(!f.has(Feature::Strikethrough) && !f.has(Feature::Cstyle));
    }

    #[test]
    fn overrides_add_and_remove_capabilities() {
        let f = decide(
            "xterm-256color",
            &["colors=256", "smxx"],
            &[],
            &["xterm*:Smulx=\\E[4\\:%p1%dm:smxx@:colors=16"],
        );
        assert!(f.has(Feature::Usstyle));
        assert!(!f.has(Feature::Strikethrough));
        assert_eq!(f.depth(), ColorDepth::Colors16);
    }

    #[test]
    fn a_terminal_that_names_itself_gets_its_features() {
        let f = decide(
            "xterm-256color",
            &["colors=256"],
            &[("TERM_PROGRAM", "vscode")],
            &[],
        );
        assert_eq!(f.depth(), ColorDepth::Rgb);
        assert!(f.has(Feature::Hyperlinks));
        let tmux = decide("tmux-256color", &["colors=256", "Smulx"], &[], &[]);
        assert!(tmux.has(Feature::Overline) && tmux.has(Feature::Usstyle));
    }

    #[test]
    fn entries_split_on_unescaped_colons() {
        assert_eq!(split_entry("a*:b=x\\:y:c@"), vec!["a*", "b=x:y", "c@"]);
        assert_eq!(parse_number("0x100"), Some(256));
        assert_eq!(parse_number("010"), Some(8));
    }
}
