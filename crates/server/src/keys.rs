//! Key tables: which command a key runs in the "root" table, after the prefix in the
//! "prefix" table, and in the other tables modes use. The defaults are tmux's.

use std::collections::BTreeMap;

use rmux_proto::Key;

use crate::keyname::{key_name, normalize, parse_key};

/// A key bound to a command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    pub command: String,
    /// `bind -r`: may be pressed again within repeat-time without the prefix.
    pub repeat: bool,
    pub note: Option<String>,
}

/// Every key table by name.
#[derive(Debug, Default)]
pub struct KeyTables {
    tables: BTreeMap<String, BTreeMap<Key, Binding>>,
}

/// tmux's default bindings: (table, key, repeat, command, note).
const DEFAULTS: &[(&str, &str, bool, &str, &str)] = &[
    ("prefix", "C-b", false, "send-prefix", "Send the prefix key"),
    (
        "prefix",
        "C-o",
        false,
        "rotate-window",
        "Rotate through the panes",
    ),
    (
        "prefix",
        "C-z",
        false,
        "suspend-client",
        "Suspend the current client",
    ),
    (
        "prefix",
        "Space",
        false,
        "next-layout",
        "Select next layout",
    ),
    (
        "prefix",
        "!",
        false,
        "break-pane",
        "Break pane to a new window",
    ),
    (
        "prefix",
        "\"",
        false,
        "split-window",
        "Split window vertically",
    ),
    (
        "prefix",
        "#",
        false,
        "list-buffers",
        "List all paste buffers",
    ),
    (
        "prefix",
        "$",
        false,
        "command-prompt -I \"#S\" \"rename-session -- '%%'\"",
        "Rename current session",
    ),
    (
        "prefix",
        "%",
        false,
        "split-window -h",
        "Split window horizontally",
    ),
    (
        "prefix",
        "&",
        false,
        "confirm-before -p \"kill-window #W? (y/n)\" kill-window",
        "Kill current window",
    ),
    (
        "prefix",
        "'",
        false,
        "command-prompt -T window-target -p index \"select-window -t ':%%'\"",
        "Prompt for window index to select",
    ),
    (
        "prefix",
        "(",
        false,
        "switch-client -p",
        "Switch to previous client",
    ),
    (
        "prefix",
        ")",
        false,
        "switch-client -n",
        "Switch to next client",
    ),
    (
        "prefix",
        ",",
        false,
        "command-prompt -I \"#W\" \"rename-window -- '%%'\"",
        "Rename current window",
    ),
    (
        "prefix",
        "-",
        false,
        "delete-buffer",
        "Delete the most recent paste buffer",
    ),
    (
        "prefix",
        ".",
        false,
        "command-prompt -T target \"move-window -t '%%'\"",
        "Move the current window",
    ),
    (
        "prefix",
        "/",
        false,
        "command-prompt -k -p key \"list-keys -1N '%%'\"",
        "Describe key binding",
    ),
    (
        "prefix",
        "0",
        false,
        "select-window -t :=0",
        "Select window 0",
    ),
    (
        "prefix",
        "1",
        false,
        "select-window -t :=1",
        "Select window 1",
    ),
    (
        "prefix",
        "2",
        false,
        "select-window -t :=2",
        "Select window 2",
    ),
    (
        "prefix",
        "3",
        false,
        "select-window -t :=3",
        "Select window 3",
    ),
    (
        "prefix",
        "4",
        false,
        "select-window -t :=4",
        "Select window 4",
    ),
    (
        "prefix",
        "5",
        false,
        "select-window -t :=5",
        "Select window 5",
    ),
    (
        "prefix",
        "6",
        false,
        "select-window -t :=6",
        "Select window 6",
    ),
    (
        "prefix",
        "7",
        false,
        "select-window -t :=7",
        "Select window 7",
    ),
    (
        "prefix",
        "8",
        false,
        "select-window -t :=8",
        "Select window 8",
    ),
    (
        "prefix",
        "9",
        false,
        "select-window -t :=9",
        "Select window 9",
    ),
    (
        "prefix",
        ":",
        false,
        "command-prompt",
        "Prompt for a command",
    ),
    (
        "prefix",
        ";",
        false,
        "last-pane",
        "Move to the previously active pane",
    ),
    ("prefix", "<", false, "display-menu", "Display window menu"),
    (
        "prefix",
        "=",
        false,
        "choose-buffer -Z",
        "Choose a paste buffer from a list",
    ),
    ("prefix", "?", false, "list-keys -N", "List key bindings"),
    (
        "prefix",
        "C",
        false,
        "customize-mode -Z",
        "Customize options",
    ),
    (
        "prefix",
        "D",
        false,
        "choose-client -Z",
        "Choose a client from a list",
    ),
    (
        "prefix",
        "E",
        false,
        "select-layout -E",
        "Spread panes out evenly",
    ),
    (
        "prefix",
        "L",
        false,
        "switch-client -l",
        "Switch to the last client",
    ),
    (
        "prefix",
        "M",
        false,
        "select-pane -M",
        "Clear the marked pane",
    ),
    ("prefix", "[", false, "copy-mode", "Enter copy mode"),
    (
        "prefix",
        "]",
        false,
        "paste-buffer",
        "Paste the most recent paste buffer",
    ),
    ("prefix", "c", false, "new-window", "Create a new window"),
    (
        "prefix",
        "d",
        false,
        "detach-client",
        "Detach the current client",
    ),
    (
        "prefix",
        "f",
        false,
        "command-prompt \"find-window -Z -- '%%'\"",
        "Search for a pane",
    ),
    (
        "prefix",
        "i",
        false,
        "display-message",
        "Display window information",
    ),
    (
        "prefix",
        "l",
        false,
        "last-window",
        "Select the previously current window",
    ),
    (
        "prefix",
        "m",
        false,
        "select-pane -m",
        "Toggle the marked pane",
    ),
    (
        "prefix",
        "n",
        false,
        "next-window",
        "Select the next window",
    ),
    (
        "prefix",
        "o",
        false,
        "select-pane -t :.+",
        "Select the next pane",
    ),
    (
        "prefix",
        "p",
        false,
        "previous-window",
        "Select the previous window",
    ),
    (
        "prefix",
        "q",
        false,
        "display-panes",
        "Display pane numbers",
    ),
    (
        "prefix",
        "r",
        false,
        "refresh-client",
        "Redraw the current client",
    ),
    (
        "prefix",
        "s",
        false,
        "choose-tree -Zs",
        "Choose a session from a list",
    ),
    ("prefix", "t", false, "clock-mode", "Show a clock"),
    (
        "prefix",
        "w",
        false,
        "choose-tree -Zw",
        "Choose a window from a list",
    ),
    (
        "prefix",
        "x",
        false,
        "confirm-before -p \"kill-pane #P? (y/n)\" kill-pane",
        "Kill the active pane",
    ),
    (
        "prefix",
        "z",
        false,
        "resize-pane -Z",
        "Zoom the active pane",
    ),
    (
        "prefix",
        "{",
        false,
        "swap-pane -U",
        "Swap the active pane with the pane above",
    ),
    (
        "prefix",
        "}",
        false,
        "swap-pane -D",
        "Swap the active pane with the pane below",
    ),
    ("prefix", "~", false, "show-messages", "Show messages"),
    (
        "prefix",
        "PPage",
        false,
        "copy-mode -u",
        "Enter copy mode and scroll up",
    ),
    (
        "prefix",
        "Up",
        true,
        "select-pane -U",
        "Select the pane above the active pane",
    ),
    (
        "prefix",
        "Down",
        true,
        "select-pane -D",
        "Select the pane below the active pane",
    ),
    (
        "prefix",
        "Left",
        true,
        "select-pane -L",
        "Select the pane to the left of the active pane",
    ),
    (
        "prefix",
        "Right",
        true,
        "select-pane -R",
        "Select the pane to the right of the active pane",
    ),
    (
        "prefix",
        "M-1",
        false,
        "select-layout even-horizontal",
        "Set the even-horizontal layout",
    ),
    (
        "prefix",
        "M-2",
        false,
        "select-layout even-vertical",
        "Set the even-vertical layout",
    ),
    (
        "prefix",
        "M-3",
        false,
        "select-layout main-horizontal",
        "Set the main-horizontal layout",
    ),
    (
        "prefix",
        "M-4",
        false,
        "select-layout main-vertical",
        "Set the main-vertical layout",
    ),
    (
        "prefix",
        "M-5",
        false,
        "select-layout tiled",
        "Set the tiled layout",
    ),
    (
        "prefix",
        "M-n",
        false,
        "next-window -a",
        "Select the next window with an alert",
    ),
    (
        "prefix",
        "M-o",
        false,
        "rotate-window -D",
        "Rotate through the panes in reverse",
    ),
    (
        "prefix",
        "M-p",
        false,
        "previous-window -a",
        "Select the previous window with an alert",
    ),
    (
        "prefix",
        "M-Up",
        true,
        "resize-pane -U 5",
        "Resize the pane up by 5",
    ),
    (
        "prefix",
        "M-Down",
        true,
        "resize-pane -D 5",
        "Resize the pane down by 5",
    ),
    (
        "prefix",
        "M-Left",
        true,
        "resize-pane -L 5",
        "Resize the pane left by 5",
    ),
    (
        "prefix",
        "M-Right",
        true,
        "resize-pane -R 5",
        "Resize the pane right by 5",
    ),
    (
        "prefix",
        "C-Up",
        true,
        "resize-pane -U",
        "Resize the pane up",
    ),
    (
        "prefix",
        "C-Down",
        true,
        "resize-pane -D",
        "Resize the pane down",
    ),
    (
        "prefix",
        "C-Left",
        true,
        "resize-pane -L",
        "Resize the pane left",
    ),
    (
        "prefix",
        "C-Right",
        true,
        "resize-pane -R",
        "Resize the pane right",
    ),
];

/// tmux's copy-mode bindings (emacs keys, and vi keys with mode-keys vi): (table, key,
/// command). Commands rmux does not have yet are left out.
/// Bound alike in both copy-mode tables, as tmux does: jump to a character on the line.
const COPY_JUMPS: &[(&str, &str)] = &[
    (",", "send -X jump-reverse"),
    (";", "send -X jump-again"),
    (
        "F",
        "command-prompt -1 -p'(jump backward)' { send -X jump-backward '%%' }",
    ),
    (
        "T",
        "command-prompt -1 -p'(jump to backward)' { send -X jump-to-backward '%%' }",
    ),
    (
        "f",
        "command-prompt -1 -p'(jump forward)' { send -X jump-forward '%%' }",
    ),
    (
        "t",
        "command-prompt -1 -p'(jump to forward)' { send -X jump-to-forward '%%' }",
    ),
];

const COPY_DEFAULTS: &[(&str, &str, &str)] = &[
    ("copy-mode", "C-Space", "send -X begin-selection"),
    ("copy-mode", "C-a", "send -X start-of-line"),
    ("copy-mode", "C-c", "send -X cancel"),
    ("copy-mode", "C-e", "send -X end-of-line"),
    ("copy-mode", "C-f", "send -X cursor-right"),
    ("copy-mode", "C-b", "send -X cursor-left"),
    ("copy-mode", "C-g", "send -X clear-selection"),
    (
        "copy-mode",
        "C-k",
        "send -X copy-pipe-end-of-line-and-cancel",
    ),
    ("copy-mode", "C-n", "send -X cursor-down"),
    ("copy-mode", "C-p", "send -X cursor-up"),
    (
        "copy-mode",
        "C-r",
        "command-prompt -T search -p'(search up)' -I'#{pane_search_string}' { send -X search-backward-incremental '%%' }",
    ),
    (
        "copy-mode",
        "C-s",
        "command-prompt -T search -p'(search down)' -I'#{pane_search_string}' { send -X search-forward-incremental '%%' }",
    ),
    ("copy-mode", "C-v", "send -X page-down"),
    ("copy-mode", "C-w", "send -X copy-pipe-and-cancel"),
    ("copy-mode", "Escape", "send -X cancel"),
    ("copy-mode", "Space", "send -X page-down"),
    ("copy-mode", "N", "send -X search-reverse"),
    ("copy-mode", "R", "send -X rectangle-toggle"),
    ("copy-mode", "X", "send -X set-mark"),
    (
        "copy-mode",
        "g",
        "command-prompt -p'(goto line)' { send -X goto-line '%%' }",
    ),
    ("copy-mode", "n", "send -X search-again"),
    ("copy-mode", "q", "send -X cancel"),
    ("copy-mode", "Home", "send -X start-of-line"),
    ("copy-mode", "End", "send -X end-of-line"),
    ("copy-mode", "NPage", "send -X page-down"),
    ("copy-mode", "PPage", "send -X page-up"),
    ("copy-mode", "Up", "send -X cursor-up"),
    ("copy-mode", "Down", "send -X cursor-down"),
    ("copy-mode", "Left", "send -X cursor-left"),
    ("copy-mode", "Right", "send -X cursor-right"),
    ("copy-mode", "M-<", "send -X history-top"),
    ("copy-mode", "M->", "send -X history-bottom"),
    ("copy-mode", "M-R", "send -X top-line"),
    ("copy-mode", "M-b", "send -X previous-word"),
    ("copy-mode", "M-f", "send -X next-word-end"),
    ("copy-mode", "M-m", "send -X back-to-indentation"),
    ("copy-mode", "M-r", "send -X middle-line"),
    ("copy-mode", "M-v", "send -X page-up"),
    ("copy-mode", "M-w", "send -X copy-pipe-and-cancel"),
    ("copy-mode", "M-x", "send -X jump-to-mark"),
    ("copy-mode", "M-{", "send -X previous-paragraph"),
    ("copy-mode", "M-}", "send -X next-paragraph"),
    ("copy-mode", "M-Up", "send -X halfpage-up"),
    ("copy-mode", "M-Down", "send -X halfpage-down"),
    ("copy-mode", "C-Up", "send -X scroll-up"),
    ("copy-mode", "C-Down", "send -X scroll-down"),
    ("copy-mode-vi", "C-c", "send -X cancel"),
    ("copy-mode-vi", "C-d", "send -X halfpage-down"),
    ("copy-mode-vi", "C-e", "send -X scroll-down"),
    ("copy-mode-vi", "C-b", "send -X page-up"),
    ("copy-mode-vi", "C-f", "send -X page-down"),
    ("copy-mode-vi", "C-h", "send -X cursor-left"),
    ("copy-mode-vi", "C-j", "send -X copy-pipe-and-cancel"),
    ("copy-mode-vi", "Enter", "send -X copy-pipe-and-cancel"),
    ("copy-mode-vi", "C-u", "send -X halfpage-up"),
    ("copy-mode-vi", "C-v", "send -X rectangle-toggle"),
    ("copy-mode-vi", "C-y", "send -X scroll-up"),
    ("copy-mode-vi", "Escape", "send -X clear-selection"),
    ("copy-mode-vi", "Space", "send -X begin-selection"),
    ("copy-mode-vi", "$", "send -X end-of-line"),
    (
        "copy-mode-vi",
        "/",
        "command-prompt -T search -p'(search down)' { send -X search-forward '%%' }",
    ),
    ("copy-mode-vi", "0", "send -X start-of-line"),
    (
        "copy-mode-vi",
        ":",
        "command-prompt -p'(goto line)' { send -X goto-line '%%' }",
    ),
    (
        "copy-mode-vi",
        "?",
        "command-prompt -T search -p'(search up)' { send -X search-backward '%%' }",
    ),
    ("copy-mode-vi", "A", "send -X append-selection-and-cancel"),
    ("copy-mode-vi", "B", "send -X previous-space"),
    (
        "copy-mode-vi",
        "D",
        "send -X copy-pipe-end-of-line-and-cancel",
    ),
    ("copy-mode-vi", "E", "send -X next-space-end"),
    ("copy-mode-vi", "G", "send -X history-bottom"),
    ("copy-mode-vi", "H", "send -X top-line"),
    ("copy-mode-vi", "J", "send -X scroll-down"),
    ("copy-mode-vi", "K", "send -X scroll-up"),
    ("copy-mode-vi", "L", "send -X bottom-line"),
    ("copy-mode-vi", "M", "send -X middle-line"),
    ("copy-mode-vi", "N", "send -X search-reverse"),
    ("copy-mode-vi", "V", "send -X select-line"),
    ("copy-mode-vi", "W", "send -X next-space"),
    ("copy-mode-vi", "X", "send -X set-mark"),
    ("copy-mode-vi", "^", "send -X back-to-indentation"),
    ("copy-mode-vi", "b", "send -X previous-word"),
    ("copy-mode-vi", "e", "send -X next-word-end"),
    ("copy-mode-vi", "g", "send -X history-top"),
    ("copy-mode-vi", "h", "send -X cursor-left"),
    ("copy-mode-vi", "j", "send -X cursor-down"),
    ("copy-mode-vi", "k", "send -X cursor-up"),
    ("copy-mode-vi", "l", "send -X cursor-right"),
    ("copy-mode-vi", "n", "send -X search-again"),
    ("copy-mode-vi", "o", "send -X other-end"),
    ("copy-mode-vi", "q", "send -X cancel"),
    ("copy-mode-vi", "v", "send -X rectangle-toggle"),
    ("copy-mode-vi", "w", "send -X next-word"),
    ("copy-mode-vi", "{", "send -X previous-paragraph"),
    ("copy-mode-vi", "}", "send -X next-paragraph"),
    ("copy-mode-vi", "BSpace", "send -X cursor-left"),
    ("copy-mode-vi", "NPage", "send -X page-down"),
    ("copy-mode-vi", "PPage", "send -X page-up"),
    ("copy-mode-vi", "Up", "send -X cursor-up"),
    ("copy-mode-vi", "Down", "send -X cursor-down"),
    ("copy-mode-vi", "Left", "send -X cursor-left"),
    ("copy-mode-vi", "Right", "send -X cursor-right"),
    ("copy-mode-vi", "M-x", "send -X jump-to-mark"),
    ("copy-mode-vi", "C-Up", "send -X scroll-up"),
    ("copy-mode-vi", "C-Down", "send -X scroll-down"),
];

impl KeyTables {
    /// The tables with tmux's default bindings.
    pub fn with_defaults() -> KeyTables {
        let mut t = KeyTables::default();
        for (table, key, repeat, command, note) in DEFAULTS {
            if let Some(k) = parse_key(key) {
                t.bind(
                    table,
                    k,
                    Binding {
                        command: (*command).to_string(),
                        repeat: *repeat,
                        note: Some((*note).to_string()),
                    },
                );
            }
        }
        let jumps = ["copy-mode", "copy-mode-vi"].into_iter().flat_map(|table| {
            COPY_JUMPS
                .iter()
                .map(move |(key, command)| (table, *key, *command))
        });
        let copy = COPY_DEFAULTS
            .iter()
            .map(|(table, key, command)| (*table, *key, *command));
        for (table, key, command) in copy.chain(jumps) {
            if let Some(k) = parse_key(key) {
                let binding = Binding {
                    command: command.to_string(),
                    repeat: false,
                    note: None,
                };
                t.bind(table, k, binding);
            }
        }
        t
    }

    pub fn bind(&mut self, table: &str, key: Key, binding: Binding) {
        self.tables
            .entry(table.to_string())
            .or_default()
            .insert(normalize(key), binding);
    }

    pub fn unbind(&mut self, table: &str, key: Key) -> bool {
        self.tables
            .get_mut(table)
            .is_some_and(|t| t.remove(&normalize(key)).is_some())
    }

    pub fn unbind_all(&mut self, table: &str) {
        self.tables.remove(table);
    }

    pub fn lookup(&self, table: &str, key: Key) -> Option<&Binding> {
        self.tables.get(table).and_then(|t| t.get(&normalize(key)))
    }

    /// Every binding as `list-keys` prints it: (table, key name, binding).
    pub fn list(&self) -> Vec<(&str, String, &Binding)> {
        let mut out = Vec::new();
        for (table, keys) in &self.tables {
            for (k, b) in keys {
                out.push((table.as_str(), key_name(*k), b));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_key_parses() {
        for (_, key, _, _, _) in DEFAULTS {
            assert!(parse_key(key).is_some(), "cannot parse default key {key}");
        }
        let jumps = COPY_JUMPS.iter().copied();
        for (key, command) in COPY_DEFAULTS.iter().map(|(_, k, c)| (*k, *c)).chain(jumps) {
            assert!(parse_key(key).is_some(), "cannot parse copy-mode key {key}");
            assert!(
                crate::cmd::parse_commands(command, &[]).is_ok(),
                "cannot parse {command}"
            );
        }
    }

    #[test]
    fn detach_is_bound_after_the_prefix() {
        let t = KeyTables::with_defaults();
        let d = t.lookup("prefix", parse_key("d").unwrap()).unwrap();
        assert_eq!(d.command, "detach-client");
    }
}

#[cfg(test)]
mod cheatsheet {
    use super::*;

    const CHEATSHEET: &str = include_str!("../../../CHEATSHEET.md");

    /// The cheatsheet's spelling of a key after the prefix, as `bind` spells it.
    fn key_names() -> Vec<String> {
        let arrows = [("←", "Left"), ("→", "Right"), ("↑", "Up"), ("↓", "Down")];
        let mut names = Vec::new();
        for cell in CHEATSHEET.split('`') {
            let Some(key) = cell.strip_prefix("C-b ") else {
                continue;
            };
            let mut key = key.to_string();
            for (glyph, name) in arrows {
                key = key.replace(glyph, name);
            }
            if key == "Space" || !key.contains(' ') {
                names.push(key);
            }
        }
        names
    }

    /// Every key the cheatsheet promises is bound, to a command that exists; every
    /// default binding whose command exists is on the cheatsheet.
    #[test]
    fn cheatsheet_and_key_table_agree() {
        let tables = KeyTables::with_defaults();
        let listed = key_names();
        for name in &listed {
            let key = parse_key(name).unwrap_or_else(|| panic!("cheatsheet key {name}"));
            let b = tables
                .lookup("prefix", key)
                .unwrap_or_else(|| panic!("C-b {name} is on the cheatsheet but not bound"));
            let cmd = b.command.split_whitespace().next().unwrap_or("");
            assert!(
                crate::cmd::lookup(cmd).is_ok(),
                "C-b {name} runs {cmd}, which rmux does not have"
            );
        }
        for (table, key, b) in tables.list() {
            let cmd = b.command.split_whitespace().next().unwrap_or("");
            if table != "prefix" || crate::cmd::lookup(cmd).is_err() {
                continue;
            }
            let arrows_and_friends = key.contains("Left")
                || key.contains("Right")
                || key.contains("Up")
                || key.contains("Down")
                || key.starts_with("M-") && key.len() == 3 && key.as_bytes()[2].is_ascii_digit();
            if arrows_and_friends
                || matches!(key.as_str(), "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8")
            {
                // Shown as ranges on the cheatsheet (`C-b 0 … C-b 9`, `C-b ←`).
                continue;
            }
            assert!(
                listed.contains(&key),
                "C-b {key} ({}) works but is not on the cheatsheet",
                b.command
            );
        }
    }
}
