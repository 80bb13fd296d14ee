//! Entry points for the fuzz targets (`fuzz/`) and the tests that replay their corpora:
//! the command language and the format expander, fed anything, must answer with a
//! value or an error, never a panic, a hang or an allocation out of proportion.

use std::collections::HashMap;

use crate::format::{FormatContext, LoopItem, LoopKind};

struct Env;

impl crate::cmdline::ParseEnv for Env {
    fn var(&self, name: &str) -> Option<String> {
        match name {
            "HOME" => Some("/home/siswa".into()),
            "SHELL" => Some("/bin/sh".into()),
            _ => None,
        }
    }

    fn expand_condition(&self, condition: &str) -> String {
        format(condition)
    }
}

/// Parse `text` as a configuration file, then every command's flags against the
/// command table, as `source-file -n` would.
pub fn config(text: &str) -> usize {
    let parsed = crate::cmdline::parse_config(text, &Env);
    let mut ok = 0;
    for c in parsed.commands {
        if let Some((name, args)) = c.argv.split_first()
            && let Ok(entry) = crate::cmd::lookup(name)
            && crate::cmd::Args::parse(entry.name, entry.flags, args).is_ok()
        {
            ok += 1;
        }
    }
    let _ = crate::cmdline::parse_line(text, &Env);
    ok
}

/// A context with a few values and children, for the expander.
struct Context {
    vars: HashMap<&'static str, &'static str>,
    depth: u8,
}

impl Context {
    fn new(depth: u8) -> Context {
        let vars = HashMap::from([
            ("session_name", "belajar"),
            ("window_index", "1"),
            ("window_name", "flask"),
            ("pane_title", "web: flask run"),
            ("pane_current_path", "/home/siswa/app"),
            ("client_width", "120"),
            ("history_limit", "10000"),
            ("@user", "#{session_name}"),
        ]);
        Context { vars, depth }
    }
}

impl FormatContext for Context {
    fn var(&self, name: &str) -> Option<String> {
        self.vars.get(name).map(|v| (*v).to_string())
    }

    fn job(&self, command: &str) -> Option<String> {
        Some(command.chars().rev().take(16).collect())
    }

    fn children(&self, _kind: LoopKind) -> Vec<LoopItem<'_>> {
        if self.depth > 1 {
            return Vec::new();
        }
        (0..3)
            .map(|i| LoopItem {
                ctx: Box::new(Context::new(self.depth + 1)),
                current: i == 1,
            })
            .collect()
    }
}

/// Expand `template` as a status line would.
pub fn format(template: &str) -> String {
    let now = chrono::TimeZone::timestamp_opt(&chrono::Local, 1_700_000_000, 0)
        .single()
        .unwrap_or_else(chrono::Local::now);
    crate::format::expand(template, &Context::new(0), now)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Every input the fuzzers kept runs here too (`fuzz/seeds/<target>`, committed, and
    /// `fuzz/corpus/<target>` after a local run), so CI replays them in seconds.
    fn replay(target: &str, f: impl Fn(&str)) -> usize {
        // The committed seeds (fuzz/seeds) always; a local fuzzing run's corpus too.
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
        let entries: Vec<std::fs::DirEntry> = ["seeds", "corpus"]
            .iter()
            .filter_map(|d| std::fs::read_dir(root.join(d).join(target)).ok())
            .flat_map(|e| e.flatten())
            .collect();
        let mut n = 0;
        for entry in entries {
            if let Ok(bytes) = std::fs::read(entry.path()) {
                f(&String::from_utf8_lossy(&bytes));
                n += 1;
            }
        }
        n
    }

    #[test]
    fn the_config_corpus_replays() {
        replay("config", |t| {
            super::config(t);
        });
        assert!(super::config("set -g prefix C-a\nbind | split-window -h\n") == 2);
    }

    #[test]
    fn the_format_corpus_replays() {
        replay("format", |t| {
            super::format(t);
        });
        assert_eq!(
            super::format("#{session_name}:#{W:#{window_index}}"),
            "belajar:111"
        );
    }
}
