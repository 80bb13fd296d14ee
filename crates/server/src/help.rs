//! Help a person reads without a server: `rmux --help`, `rmux help`, `rmux help
//! <command>` and `rmux <command> --help`. The one-line descriptions live here, keyed
//! by the command table's names (a test keeps the two in step); the usage strings are
//! the table's own, so help never disagrees with what the parser accepts.

use crate::cmd::{CmdEntry, TABLE};

/// The global usage, as tmux prints it after a bad flag.
pub const USAGE: &str = "usage: rmux [-2CDlNuVv] [-c shell-command] [-f file] [-L socket-name]\n            [-S socket-path] [-T features] [command [flags]]";

/// What each command does, in one line, by the command's full name.
static DESCRIPTIONS: &[(&str, &str)] = &[
    (
        "attach-session",
        "Attach this terminal to a session (the most recent one without -t).",
    ),
    (
        "bind-key",
        "Bind a key to a command, in the prefix table or the one -T names.",
    ),
    ("break-pane", "Move a pane out to a window of its own."),
    (
        "capture-pane",
        "Copy what a pane shows (and its history with -S) to a buffer, or print it with -p.",
    ),
    (
        "choose-buffer",
        "Choose a paste buffer from a list, to paste it.",
    ),
    (
        "choose-client",
        "Choose an attached client from a list, to detach it.",
    ),
    (
        "choose-tree",
        "Choose a session, window or pane from a tree, to switch to it.",
    ),
    ("clear-history", "Forget a pane's scrollback history."),
    (
        "clear-prompt-history",
        "Forget what was typed at the command prompt.",
    ),
    (
        "clock-mode",
        "Show a big clock in a pane until a key is pressed.",
    ),
    (
        "command-prompt",
        "Ask for a command (or values for a template) in the status line.",
    ),
    (
        "confirm-before",
        "Ask y/n in the status line before running a command.",
    ),
    (
        "copy-mode",
        "Scroll back through a pane's history, select and copy text.",
    ),
    (
        "customize-mode",
        "Change options and key bindings from a list.",
    ),
    (
        "delete-buffer",
        "Delete a paste buffer (the latest without -b).",
    ),
    (
        "detach-client",
        "Detach a client from its session: the programs keep running.",
    ),
    ("display-menu", "Show a menu of commands to choose from."),
    (
        "display-message",
        "Show a message in the status line, or print a format with -p.",
    ),
    (
        "display-panes",
        "Show each pane's number; pressing one selects that pane.",
    ),
    (
        "display-popup",
        "Run a command in a popup window over the panes.",
    ),
    (
        "find-window",
        "Find windows whose name, title or text matches, and choose one.",
    ),
    ("has-session", "Exit 0 if the session exists, 1 if not."),
    (
        "if-shell",
        "Run one command or another depending on a shell command's exit status or a format.",
    ),
    (
        "join-pane",
        "Move a pane into another window, splitting one of its panes.",
    ),
    (
        "kill-pane",
        "Destroy a pane and its program (-a: every other pane).",
    ),
    ("kill-server", "Destroy every session and stop the server."),
    ("kill-session", "Destroy a session and its windows."),
    ("kill-window", "Destroy a window and its panes."),
    (
        "last-pane",
        "Select the pane that was active before in the window.",
    ),
    (
        "last-window",
        "Select the window that was current before in the session.",
    ),
    (
        "link-window",
        "Put a window into another session too (or at another index).",
    ),
    ("list-buffers", "List the paste buffers."),
    ("list-clients", "List the attached clients."),
    (
        "list-commands",
        "List every command with its alias and flags.",
    ),
    ("list-keys", "List the key bindings (-N: with their notes)."),
    (
        "list-panes",
        "List the panes of a window (-s: of a session, -a: all).",
    ),
    ("list-sessions", "List the sessions."),
    ("list-windows", "List the windows of a session (-a: all)."),
    (
        "load-buffer",
        "Read a file (or - for stdin) into a paste buffer.",
    ),
    ("lock-client", "Lock a client with the lock-command."),
    ("lock-server", "Lock every client."),
    ("lock-session", "Lock every client attached to a session."),
    (
        "move-pane",
        "Move a pane into another window (join-pane by another name).",
    ),
    (
        "move-window",
        "Move a window to another index or session (-r: renumber).",
    ),
    (
        "new-session",
        "Create a new session and attach to it (-d: stay detached).",
    ),
    ("new-window", "Create a new window in a session."),
    (
        "next-layout",
        "Arrange the window's panes in the next preset layout.",
    ),
    ("next-window", "Select the next window in the session."),
    (
        "paste-buffer",
        "Paste a paste buffer (the latest without -b) into a pane.",
    ),
    (
        "pipe-pane",
        "Send a pane's output to a shell command (again to stop).",
    ),
    (
        "previous-layout",
        "Arrange the window's panes in the previous preset layout.",
    ),
    (
        "previous-window",
        "Select the previous window in the session.",
    ),
    (
        "refresh-client",
        "Redraw a client, or change its size, flags or control-mode settings.",
    ),
    ("rename-session", "Give a session a new name."),
    ("rename-window", "Give a window a new name."),
    (
        "resize-pane",
        "Change a pane's size, or zoom it to the whole window (-Z).",
    ),
    ("resize-window", "Change a window's size."),
    (
        "respawn-pane",
        "Start a pane's program again (-k: even if it still runs).",
    ),
    (
        "respawn-window",
        "Start a window's program again (-k: even if it still runs).",
    ),
    (
        "resurrect",
        "Bring back the sessions of the last snapshot, with what their panes showed (rmux's own).",
    ),
    ("rotate-window", "Rotate the positions of a window's panes."),
    (
        "run-shell",
        "Run a shell command in the background and show its output.",
    ),
    (
        "save-buffer",
        "Write a paste buffer to a file (or - for stdout).",
    ),
    (
        "select-layout",
        "Arrange a window's panes in a layout (tiled, even-horizontal, …).",
    ),
    (
        "select-pane",
        "Make a pane the active one, or mark, title or disable it.",
    ),
    ("select-window", "Make a window the current one."),
    (
        "send-keys",
        "Type keys or text into a pane (or run a copy-mode command with -X).",
    ),
    ("send-prefix", "Send the prefix key to a pane's program."),
    (
        "server-access",
        "Allow or deny another user access to the server.",
    ),
    (
        "server-upgrade",
        "Carry on as the rmux binary now on disk, keeping every pane and client (rmux's own).",
    ),
    ("set-buffer", "Set a paste buffer's text, or rename it."),
    (
        "set-environment",
        "Set or unset a variable in a session's (or the global) environment.",
    ),
    (
        "set-hook",
        "Set a hook: a command run when something happens.",
    ),
    (
        "set-option",
        "Set an option (-g global, -s server, -w window, -p pane).",
    ),
    ("set-window-option", "Set a window option (set-option -w)."),
    ("show-buffer", "Print a paste buffer's text."),
    (
        "show-environment",
        "Print a session's (or the global) environment.",
    ),
    ("show-hooks", "List the hooks that are set."),
    (
        "show-messages",
        "Show the messages shown lately (-J, -T: job and terminal details).",
    ),
    ("show-options", "Print options and their values."),
    (
        "show-prompt-history",
        "Print what was typed at the command prompt.",
    ),
    (
        "show-window-options",
        "Print window options (show-options -w).",
    ),
    ("source-file", "Run the commands in a configuration file."),
    (
        "split-window",
        "Split a pane in two: -h left/right, -v top/bottom.",
    ),
    (
        "start-server",
        "Start the server without creating a session.",
    ),
    (
        "suspend-client",
        "Suspend a client as C-z would (fg brings it back).",
    ),
    ("swap-pane", "Swap two panes."),
    ("swap-window", "Swap two windows."),
    (
        "switch-client",
        "Show another session (or window, pane) in a client, or change its key table.",
    ),
    ("unbind-key", "Remove a key binding (-a: all of a table)."),
    (
        "unlink-window",
        "Take a window out of a session, keeping it in the others it is in.",
    ),
    (
        "wait-for",
        "Wait for a channel to be signalled, or signal, lock or unlock it.",
    ),
];

/// A command's one-line description, by its full name.
pub fn description(name: &str) -> Option<&'static str> {
    DESCRIPTIONS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, d)| *d)
}

/// A command's usage as `list-commands` prints it: name, `(alias)`, flags.
pub(crate) fn usage_line(e: &CmdEntry) -> String {
    let mut line = e.name.to_string();
    if let Some(a) = e.alias {
        line.push_str(&format!(" ({a})"));
    }
    if !e.usage.is_empty() {
        line.push(' ');
        line.push_str(e.usage);
    }
    line
}

/// Every command in the table, with its description.
pub(crate) fn commands() -> impl Iterator<Item = (&'static CmdEntry, &'static str)> {
    TABLE
        .iter()
        .map(|e| (*e, description(e.name).unwrap_or("")))
}

/// `rmux --help`: how to run rmux, and where to read more.
pub fn global() -> String {
    format!(
        "{USAGE}

rmux keeps programs running in sessions that outlive the terminal; it speaks tmux.

  rmux                      start a session and attach to it
  rmux new -s NAME          start a session named NAME
  rmux ls                   list sessions
  rmux attach -t NAME       attach to a session again
  rmux help                 every command, one line each
  rmux help COMMAND         a command's flags (also: rmux COMMAND --help)

Inside a session press C-b (the prefix), let go, then a key: d detaches, c makes a
window, % splits, ? lists every key, / says what one key does, : prompts for a command.

Flags:
  -f file          read this configuration file instead of ~/.rmux.conf
  -L socket-name   use another server (a socket of this name)
  -S socket-path   use the server at this socket path
  -N               never start a server
  -C, -CC          control mode (for programs; -CC for iTerm2)
  -T features      terminal features the terminal has (as tmux's -T)
  -2               the terminal has 256 colours
  -v               the server writes a log (-vv: more)
  -V               print the version
  -h, --help       print this help

See also: man rmux (assets/rmux.1 in the source), CHEATSHEET.md.
"
    )
}

/// `rmux help`: every command with its alias and description.
pub fn overview() -> String {
    let mut out = String::from("Commands (rmux help COMMAND for a command's flags):\n\n");
    let width = TABLE
        .iter()
        .map(|e| name_and_alias(e).chars().count())
        .max()
        .unwrap_or(0);
    for (e, d) in commands() {
        out.push_str(&format!("  {:width$}  {d}\n", name_and_alias(e)));
    }
    out
}

fn name_and_alias(e: &CmdEntry) -> String {
    match e.alias {
        Some(a) => format!("{} ({a})", e.name),
        None => e.name.to_string(),
    }
}

/// `rmux help NAME`: the command's usage and description. NAME may be an alias or a
/// unique prefix, as on the command line; an unknown one is tmux's error (with a
/// suggestion when one is close).
pub fn command(name: &str) -> Result<String, String> {
    let e = crate::cmd::lookup(name)?;
    Ok(format!(
        "usage: {}\n{}\n",
        usage_line(e),
        description(e.name).unwrap_or("")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command has a description, and every description a command, so a command
    /// added to the table without one fails here.
    #[test]
    fn every_command_has_a_description() {
        let missing: Vec<&str> = TABLE
            .iter()
            .map(|e| e.name)
            .filter(|n| description(n).is_none())
            .collect();
        assert!(
            missing.is_empty(),
            "add a line to DESCRIPTIONS in help.rs for: {missing:?}"
        );
        let stale: Vec<&str> = DESCRIPTIONS
            .iter()
            .map(|(n, _)| *n)
            .filter(|n| !TABLE.iter().any(|e| e.name == *n))
            .collect();
        assert!(stale.is_empty(), "not commands: {stale:?}");
        for (n, d) in DESCRIPTIONS {
            assert!(
                d.ends_with('.') && !d.contains('\n'),
                "{n}: one line, ending in a full stop"
            );
        }
    }

    #[test]
    fn help_for_a_command_by_name_alias_or_prefix() {
        let text = command("neww").unwrap();
        assert!(
            text.starts_with("usage: new-window (neww) [-abdkPS]"),
            "{text}"
        );
        assert!(text.contains("Create a new window"), "{text}");
        assert_eq!(command("split-windo").unwrap(), command("splitw").unwrap());
        assert_eq!(
            command("split-windw").unwrap_err(),
            "unknown command: split-windw (did you mean split-window?)"
        );
        assert_eq!(
            command("frobnicate").unwrap_err(),
            "unknown command: frobnicate"
        );
    }

    #[test]
    fn overview_lists_every_command() {
        let text = overview();
        for e in TABLE {
            assert!(
                text.contains(&format!("  {}", name_and_alias(e))),
                "{}",
                e.name
            );
        }
    }
}
