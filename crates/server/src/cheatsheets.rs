//! The cheat sheets (CHEATSHEET.md and its translations) checked against the program: a
//! sheet that names a command rmux lacks, a key that is not bound, or a key that runs
//! another command than its row says fails here, as does a default prefix key left off.
//!
//! A sheet is read as its tables: in each row, a span starting `rmux ` is a shell command,
//! one starting `:` a prompt command, one starting `C-b ` a key after the prefix; in the
//! copy-mode table (its header names `(emacs)`), the last two columns are keys of the
//! `copy-mode` and `copy-mode-vi` tables.

use crate::keyname::{bind_key_name, normalize_bind, parse_bind_key};
use crate::keys::KeyTables;

const SHEETS: &[(&str, &str)] = &[
    ("CHEATSHEET.md", include_str!("../../../CHEATSHEET.md")),
    (
        "CHEATSHEET.id.md",
        include_str!("../../../CHEATSHEET.id.md"),
    ),
];

/// The backticked spans of a table cell.
fn spans(cell: &str) -> Vec<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .map(|s| s.replace("\\|", "|"))
        .collect()
}

/// One table row: (cells, whether it is the copy-mode key table).
fn rows(sheet: &str) -> Vec<(Vec<String>, bool)> {
    let mut out = Vec::new();
    let mut copy_table = false;
    let mut header = true;
    for line in sheet.lines() {
        if !line.starts_with('|') {
            header = true;
            continue;
        }
        let cells: Vec<String> = line
            .trim_matches('|')
            .split(" | ")
            .map(|c| c.trim().to_string())
            .collect();
        if header {
            copy_table = line.contains("(emacs)");
            header = false;
            continue;
        }
        if cells.iter().all(|c| c.chars().all(|ch| ch == '-')) {
            continue;
        }
        out.push((cells, copy_table));
    }
    out
}

/// The command a shell or prompt span runs, by its full name.
fn command_of(span: &str) -> Option<Result<&'static str, String>> {
    let words: Vec<&str> = if let Some(rest) = span.strip_prefix("rmux ") {
        rest.split_whitespace().collect()
    } else if let Some(rest) = span.strip_prefix(':') {
        rest.split_whitespace().collect()
    } else if span.starts_with("send -X ") {
        span.split_whitespace().collect()
    } else {
        return None;
    };
    let name = words.first()?;
    if span.starts_with("rmux help") {
        // Answered by the command line itself (help.rs), not a command of the table.
        return Some(Ok("help"));
    }
    Some(
        crate::cmd::TABLE
            .iter()
            .find(|e| e.name == *name || e.alias == Some(*name))
            .map(|e| e.name)
            .ok_or_else(|| format!("`{span}` names {name}, which is not a command")),
    )
}

/// The copy-mode command a `send -X name` span names.
fn copy_command_of(span: &str) -> Option<&str> {
    let words: Vec<&str> = span.split_whitespace().collect();
    let at = words.iter().position(|w| *w == "-X")?;
    words.get(at + 1).copied()
}

/// A key as the sheet spells it, in bind-key's spelling.
fn key_name(span: &str) -> Option<String> {
    let mut key = span.to_string();
    for (glyph, name) in [("←", "Left"), ("→", "Right"), ("↑", "Up"), ("↓", "Down")] {
        key = key.replace(glyph, name);
    }
    parse_bind_key(&key).map(|k| bind_key_name(normalize_bind(k)))
}

/// The words of a binding's command line, with the quoting and blocks taken off.
fn binding_words(command: &str) -> Vec<String> {
    command
        .split(|c: char| c.is_whitespace() || "{}\"';".contains(c))
        .filter(|w| !w.is_empty())
        .map(|w| {
            crate::cmd::lookup(w)
                .map(|e| e.name.to_string())
                .ok()
                .filter(|_| !w.starts_with('-'))
                .unwrap_or_else(|| w.to_string())
        })
        .collect()
}

/// Check one sheet; every problem, and the prefix keys it lists.
fn check(name: &str, sheet: &str, tables: &KeyTables) -> (Vec<String>, Vec<String>) {
    let mut problems = Vec::new();
    let mut listed = Vec::new();
    for (cells, copy_table) in rows(sheet) {
        let mut commands = Vec::new();
        let mut keys: Vec<(&str, String)> = Vec::new();
        for (column, cell) in cells.iter().enumerate() {
            for span in spans(cell) {
                match command_of(&span) {
                    Some(Ok(command)) => {
                        // Shell and prompt forms are checked; keys are compared with the
                        // prompt form (or, in the copy-mode table, the send -X form).
                        if span.starts_with(':') || span.starts_with("send -X ") {
                            commands.push((command, copy_command_of(&span).map(str::to_string)));
                        }
                        continue;
                    }
                    Some(Err(e)) => {
                        problems.push(format!("{name}: {e}"));
                        continue;
                    }
                    None => {}
                }
                let table = match (copy_table, column) {
                    (true, 2) => "copy-mode",
                    (true, 3) => "copy-mode-vi",
                    _ if span.starts_with("C-b ") => "prefix",
                    _ => continue,
                };
                let spelled = span.strip_prefix("C-b ").unwrap_or(&span);
                match key_name(spelled) {
                    Some(k) => keys.push((table, k)),
                    None => problems.push(format!("{name}: `{span}` is not a key")),
                }
            }
        }
        for (i, (table, key)) in keys.iter().enumerate() {
            if *table == "prefix" {
                listed.push(key.clone());
            }
            let Some(binding) = tables
                .list()
                .into_iter()
                .find(|(t, k, _)| t == table && k == key)
                .map(|(_, _, b)| b.command.clone())
            else {
                problems.push(format!("{name}: {key} is not bound in the {table} table"));
                continue;
            };
            // A key pairs with the command in the same place in the other column (`n` / `p`
            // with `:next` / `:prev`); a key past the last command only with its name.
            let Some((command, copy_command)) = commands.get(i.min(commands.len().max(1) - 1))
            else {
                continue;
            };
            let words = binding_words(&binding);
            if !words.iter().any(|w| w == command) {
                problems.push(format!(
                    "{name}: {key} ({table}) runs `{binding}`, not {command}"
                ));
            }
            if let Some(copy) = copy_command.as_ref().filter(|_| i < commands.len())
                && !words.iter().any(|w| w.starts_with(copy.as_str()))
            {
                problems.push(format!(
                    "{name}: {key} ({table}) runs `{binding}`, not send -X {copy}"
                ));
            }
        }
    }
    (problems, listed)
}

/// Default prefix keys a sheet may show as a range (`C-b 0` … `C-b 9`, the arrows with
/// their modifiers, `C-b M-1` … `C-b M-5`) rather than one by one.
fn shown_as_range(key: &str) -> bool {
    let base = key
        .trim_start_matches("C-")
        .trim_start_matches("M-")
        .trim_start_matches("S-");
    matches!(base, "Left" | "Right" | "Up" | "Down")
        || key.starts_with("M-") && key.len() == 3 && key.as_bytes()[2].is_ascii_digit()
        || matches!(key, "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8")
}

#[test]
fn every_entry_of_every_sheet_is_true_and_every_prefix_key_is_there() {
    let tables = KeyTables::with_defaults();
    let mut problems = Vec::new();
    for (name, sheet) in SHEETS {
        let (mut found, listed) = check(name, sheet, &tables);
        problems.append(&mut found);
        for (table, key, b) in tables.list() {
            let command = b.command.split_whitespace().next().unwrap_or("");
            if table != "prefix" || crate::cmd::lookup(command).is_err() || shown_as_range(&key) {
                continue;
            }
            if !listed.contains(&key) {
                problems.push(format!("{name}: C-b {key} ({}) is missing", b.command));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_sheets_have_the_same_sections_and_entries() {
    let shape = |sheet: &str| -> Vec<usize> {
        let mut counts = Vec::new();
        for line in sheet.lines() {
            if line.starts_with("## ") {
                counts.push(0);
            } else if line.starts_with("| ")
                && let Some(n) = counts.last_mut()
            {
                *n += 1;
            }
        }
        counts
    };
    let english = shape(SHEETS[0].1);
    for (name, sheet) in &SHEETS[1..] {
        assert_eq!(shape(sheet), english, "{name}: rows per section differ");
        // The commands and keys are the same, whatever the words around them.
        let code = |s: &str| -> Vec<Vec<String>> {
            rows(s)
                .into_iter()
                .map(|(cells, _)| {
                    // A command's name and flags: placeholders may be translated.
                    cells[1..]
                        .iter()
                        .flat_map(|c| spans(c))
                        .map(|s| {
                            let named = if s.starts_with(':') { 1 } else { 2 };
                            let words = s.split_whitespace().enumerate();
                            words
                                .filter(|(i, w)| *i < named || w.starts_with('-'))
                                .map(|(_, w)| w)
                                .collect::<Vec<_>>()
                                .join(" ")
                        })
                        .collect()
                })
                .collect()
        };
        assert_eq!(
            code(sheet),
            code(SHEETS[0].1),
            "{name}: commands or keys differ"
        );
    }
}

#[test]
fn a_wrong_entry_fails() {
    let tables = KeyTables::with_defaults();
    let sheet = "| what | shell | `:` prompt | key |\n|---|---|---|---|\n\
                 | new window | `rmux new-window` | `:new-window` | `C-b n` |\n\
                 | x | `rmux frobnicate` | — | `C-b F12` |\n";
    let (problems, _) = check("test", sheet, &tables);
    assert_eq!(problems.len(), 3, "{problems:#?}");
}
