//! Commands are data: each file holds one command's table entry (name, alias, flags,
//! argument count, usage) next to the function that runs it. Commands are found by exact
//! name, then alias, then unique prefix, as tmux finds them.

mod args;
pub mod target;

mod attach_session;
pub mod bind_key;
mod break_pane;
mod buffers;
mod capture_pane;
mod choose_list;
mod choose_tree;
mod clock_mode;
mod command_prompt;
mod confirm_before;
mod copy_mode;
mod customize_mode;
mod detach_client;
mod display_menu;
mod display_message;
mod display_panes;
mod display_popup;
mod environment;
mod has_session;
mod join_pane;
mod kill_pane;
mod kill_server;
mod kill_session;
mod kill_window;
mod last_pane;
mod list_clients;
mod list_commands;
mod list_keys;
mod list_panes;
mod list_sessions;
mod list_windows;
mod lock;
mod move_window;
mod new_session;
mod new_window;
mod pipe_pane;
mod placement;
mod prompt_history;
mod refresh_client;
mod rename_session;
mod rename_window;
mod resize_pane;
mod resize_window;
mod respawn_pane;
mod resurrect;
mod rotate_window;
mod run_shell;
mod select_layout;
mod select_pane;
mod select_window;
mod send_keys;
mod server_access;
mod server_upgrade;
mod set_option;
mod show_messages;
mod show_options;
mod source_file;
mod split_window;
mod start_server;
mod suspend_client;
mod swap_pane;
mod switch_client;
mod unbind_key;
mod wait_for;

use std::path::PathBuf;

pub use args::Args;
use rmux_proto::TerminalInfo;
pub use target::{Current, Found, Kind};
pub use wait_for::ChannelOp;

use crate::ids::{ClientId, SessionId};
use crate::jobs::Job;
use crate::server::Server;

/// One command's entry in the table.
#[derive(Debug)]
pub struct CmdEntry {
    pub name: &'static str,
    pub alias: Option<&'static str>,
    /// getopt-style flags: a letter, followed by `:` if it takes a value.
    pub flags: &'static str,
    /// Positional arguments: at least, at most (`None`: any number).
    pub args: (usize, Option<usize>),
    pub usage: &'static str,
    pub exec: fn(&mut Ctx<'_>, &Args) -> CmdResult,
}

/// What happens after a command succeeds.
#[derive(Debug)]
pub enum Flow {
    Continue,
    /// The calling client becomes attached to this session.
    Attach {
        session: SessionId,
        readonly: bool,
    },
    /// The command goes on when a job is done: its queue waits (the server does not).
    Wait(Pending),
    /// wait-for: the queue acts on a channel, and may wait on it.
    Channel(String, ChannelOp),
}

/// A job a command waits for, and what the command does with its result.
#[derive(Debug)]
pub struct Pending {
    pub job: Job,
    pub then: Then,
}

/// How a waiting command goes on, given its job's result ([`resume`]).
#[derive(Debug)]
pub enum Then {
    /// run-shell: print the output; a failed command is an error.
    RunShell { line: String },
    /// if-shell: run one of two command strings by the exit status.
    IfShell {
        yes: Option<String>,
        no: Option<String>,
    },
    /// source-file: run the files read (their names, in order).
    SourceFile {
        names: Vec<String>,
        parse_only: bool,
        quiet: bool,
    },
    /// load-buffer: store what was read.
    LoadBuffer { name: Option<String> },
    /// save-buffer: report a failed write.
    SaveBuffer,
}

/// A command waiting in a queue, with where it came from.
#[derive(Clone, Debug)]
pub struct Item {
    pub argv: Vec<String>,
    /// Which arguments were `{ … }` blocks (empty: none).
    pub blocks: Vec<bool>,
    /// The file and line it was read from, for errors (`file:line: message`).
    pub source: Option<(std::rc::Rc<str>, usize)>,
    /// How many `source-file` levels deep it was read.
    pub depth: u8,
}

impl Item {
    /// A command as the parser gave it, blocks marked.
    pub fn parsed((argv, blocks): Words) -> Item {
        Item {
            blocks,
            ..Item::new(argv)
        }
    }

    pub fn new(argv: Vec<String>) -> Item {
        Item {
            argv,
            blocks: Vec::new(),
            source: None,
            depth: 0,
        }
    }
}

pub type CmdResult = Result<Flow, String>;

/// Every command, sorted by name.
pub static TABLE: &[&CmdEntry] = &[
    &attach_session::ENTRY,
    &bind_key::ENTRY,
    &break_pane::ENTRY,
    &capture_pane::ENTRY,
    &choose_list::CHOOSE_BUFFER,
    &choose_list::CHOOSE_CLIENT,
    &choose_tree::ENTRY,
    &capture_pane::CLEAR_HISTORY,
    &prompt_history::CLEAR,
    &clock_mode::ENTRY,
    &command_prompt::ENTRY,
    &confirm_before::ENTRY,
    &copy_mode::ENTRY,
    &customize_mode::ENTRY,
    &buffers::DELETE_BUFFER,
    &detach_client::ENTRY,
    &display_menu::ENTRY,
    &display_message::ENTRY,
    &display_panes::ENTRY,
    &display_popup::ENTRY,
    &choose_tree::FIND_WINDOW,
    &has_session::ENTRY,
    &run_shell::IF_SHELL,
    &join_pane::ENTRY,
    &kill_pane::ENTRY,
    &kill_server::ENTRY,
    &kill_session::ENTRY,
    &kill_window::ENTRY,
    &last_pane::ENTRY,
    &select_window::LAST_WINDOW,
    &move_window::LINK_WINDOW,
    &buffers::LIST_BUFFERS,
    &list_clients::ENTRY,
    &list_commands::ENTRY,
    &list_keys::ENTRY,
    &list_panes::ENTRY,
    &list_sessions::ENTRY,
    &list_windows::ENTRY,
    &buffers::LOAD_BUFFER,
    &lock::LOCK_CLIENT,
    &lock::LOCK_SERVER,
    &lock::LOCK_SESSION,
    &join_pane::MOVE_PANE,
    &move_window::ENTRY,
    &new_session::ENTRY,
    &new_window::ENTRY,
    &select_layout::NEXT_LAYOUT,
    &select_window::NEXT_WINDOW,
    &buffers::PASTE_BUFFER,
    &pipe_pane::ENTRY,
    &select_layout::PREVIOUS_LAYOUT,
    &select_window::PREVIOUS_WINDOW,
    &refresh_client::ENTRY,
    &rename_session::ENTRY,
    &rename_window::ENTRY,
    &resize_pane::ENTRY,
    &resize_window::ENTRY,
    &respawn_pane::ENTRY,
    &respawn_pane::RESPAWN_WINDOW,
    &resurrect::ENTRY,
    &rotate_window::ENTRY,
    &run_shell::RUN_SHELL,
    &buffers::SAVE_BUFFER,
    &select_layout::ENTRY,
    &select_pane::ENTRY,
    &select_window::ENTRY,
    &send_keys::ENTRY,
    &send_keys::SEND_PREFIX,
    &server_access::ENTRY,
    &server_upgrade::ENTRY,
    &buffers::SET_BUFFER,
    &environment::SET_ENVIRONMENT,
    &set_option::SET_HOOK,
    &set_option::ENTRY,
    &set_option::SET_WINDOW_OPTION,
    &buffers::SHOW_BUFFER,
    &environment::SHOW_ENVIRONMENT,
    &show_options::SHOW_HOOKS,
    &show_messages::ENTRY,
    &show_options::ENTRY,
    &prompt_history::SHOW,
    &show_options::SHOW_WINDOW_OPTIONS,
    &source_file::ENTRY,
    &split_window::ENTRY,
    &start_server::ENTRY,
    &suspend_client::ENTRY,
    &swap_pane::ENTRY,
    &move_window::SWAP_WINDOW,
    &switch_client::ENTRY,
    &unbind_key::ENTRY,
    &move_window::UNLINK_WINDOW,
    &wait_for::ENTRY,
];

/// Commands that may start the server when none is running (others report there is none).
pub const STARTS_SERVER: &[&str] = &[
    "new-session",
    "start-server",
    "attach-session",
    "list-keys",
    "list-commands",
    // After a reboot there is no server: this one starts it to fill it.
    "resurrect",
];

/// Find a command by name, alias or unique prefix.
pub fn lookup(name: &str) -> Result<&'static CmdEntry, String> {
    if let Some(e) = TABLE
        .iter()
        .find(|e| e.name == name || e.alias == Some(name))
    {
        return Ok(e);
    }
    let matches: Vec<&&CmdEntry> = TABLE.iter().filter(|e| e.name.starts_with(name)).collect();
    match matches.as_slice() {
        [one] => Ok(one),
        [] => Err(
            match crate::names::did_you_mean(
                name,
                TABLE
                    .iter()
                    .flat_map(|e| std::iter::once(e.name).chain(e.alias)),
            ) {
                Some(m) => format!("unknown command: {name} (did you mean {m}?)"),
                None => format!("unknown command: {name}"),
            },
        ),
        many => Err(format!(
            "ambiguous command: {name}, could be: {}",
            many.iter().map(|e| e.name).collect::<Vec<_>>().join(", ")
        )),
    }
}

/// Where a command runs and what it may print.
pub struct Ctx<'a> {
    pub server: &'a mut Server,
    /// The client that asked (a command-line connection or an attached client).
    pub client: Option<ClientId>,
    pub current: Current,
    pub cwd: PathBuf,
    pub env: Vec<(String, String)>,
    pub terminal: Option<TerminalInfo>,
    /// Text for the caller's stdout.
    pub out: String,
    /// Commands to run right after this one, before the rest of the queue; each inner
    /// list is a group (an error skips the rest of its group only).
    pub insert: Vec<Vec<Item>>,
    /// How many `source-file` levels deep the running command was read.
    pub depth: u8,
    /// The exit status the caller should get, when not the usual 0 or 1.
    pub exit_status: Option<i32>,
}

impl Ctx<'_> {
    /// Format variables as the caller sees them (its client, session, window, pane).
    pub fn formats(&self) -> crate::formats::FormatTarget<'_> {
        crate::formats::FormatTarget {
            server: self.server,
            winlink: None,
            client: self.client,
            session: self.current.session,
            window: self.current.window,
            pane: self.current.pane,
        }
    }

    pub fn print(&mut self, line: &str) {
        self.out.push_str(line);
        self.out.push('\n');
    }

    /// Resolve the target flag `flag` (usually `-t`) to a session/window/pane.
    pub fn target(&self, args: &Args, flag: char, kind: Kind) -> Result<Found, String> {
        target::resolve(self.server, &self.current, args.get(flag), kind)
    }

    /// Whether the asking client is attached (commands from keys and the prompt).
    pub fn attached_client(&self) -> Option<ClientId> {
        self.client.filter(|c| {
            self.server
                .clients
                .get(c)
                .is_some_and(|c| c.attached.is_some())
        })
    }

    /// Who runs this command, for work that goes on later in a queue of its own.
    pub fn caller(&self) -> crate::server::Caller {
        crate::server::Caller {
            client: self.client,
            current: self.current,
            cwd: self.cwd.clone(),
            env: self.env.clone(),
            terminal: self.terminal.clone(),
        }
    }

    /// The caller's environment value, if any.
    pub fn env_var(&self, name: &str) -> Option<&str> {
        self.env
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The command a `command-alias` entry (`name=command [args]`) makes of `name`.
pub fn alias_of(server: &Server, name: &str) -> Option<Vec<String>> {
    let aliases = server.options.server.get_array("command-alias")?;
    let expansion = aliases
        .into_iter()
        .find_map(|entry| entry.split_once('=').filter(|(a, _)| *a == name))?
        .1;
    let parsed = parse_commands(expansion, &[]).ok()?;
    parsed.into_iter().next()
}

/// Run one command (argv with the name first). Commands it starts in turn are queued
/// (`ctx.insert`), never run from here.
pub fn run(ctx: &mut Ctx<'_>, argv: &[String], blocks: &[bool]) -> CmdResult {
    let Some(name) = argv.first() else {
        return Ok(Flow::Continue);
    };
    let block_of = |i: usize| blocks.get(i).copied().unwrap_or(false);
    // command-alias first, as in tmux, whole names only.
    if let Some(mut expanded) = alias_of(ctx.server, name) {
        // An alias never names another: no loops.
        let alias_words = expanded.len();
        expanded.extend_from_slice(&argv[1..]);
        let expanded_blocks: Vec<bool> = (1..expanded.len())
            .map(|i| i >= alias_words && block_of(i + 1 - alias_words))
            .collect();
        let entry = lookup(expanded.first().map_or("", String::as_str))?;
        let args = Args::parse_blocks(entry.name, entry.flags, &expanded[1..], &expanded_blocks)?;
        args.check_count(entry.name, entry.args.0, entry.args.1)?;
        return (entry.exec)(ctx, &args);
    }
    let entry = lookup(name)?;
    let rest_blocks: Vec<bool> = (1..argv.len()).map(block_of).collect();
    let args = Args::parse_blocks(entry.name, entry.flags, &argv[1..], &rest_blocks)?;
    args.check_count(entry.name, entry.args.0, entry.args.1)?;
    (entry.exec)(ctx, &args)
}

/// Queue `text`'s commands (a binding, a `{ … }` block, an if-shell branch) to run next,
/// as one group.
pub fn insert_commands(ctx: &mut Ctx<'_>, text: &str) -> Result<(), String> {
    let commands = parse_commands_blocks(text, &ctx.env)?;
    let depth = ctx.depth;
    ctx.insert.push(
        commands
            .into_iter()
            .map(|(argv, blocks)| Item {
                argv,
                blocks,
                source: None,
                depth,
            })
            .collect(),
    );
    Ok(())
}

/// A waiting command goes on with its job's result.
pub fn resume(ctx: &mut Ctx<'_>, then: Then, done: crate::jobs::Done) -> CmdResult {
    match then {
        Then::RunShell { line } => run_shell::finish_run(ctx, &line, done),
        Then::IfShell { yes, no } => run_shell::finish_if(ctx, yes, no, done),
        Then::SourceFile {
            names,
            parse_only,
            quiet,
        } => source_file::finish(ctx, &names, parse_only, quiet, done),
        Then::LoadBuffer { name } => buffers::finish_load(ctx, name, done),
        Then::SaveBuffer => buffers::finish_save(done),
    }
}

/// A directory argument (`-c`): `~` is the home directory, a relative path is taken from
/// the caller's directory.
pub fn expand_path(ctx: &Ctx<'_>, dir: &str) -> PathBuf {
    let home = ctx
        .env_var("HOME")
        .map(str::to_string)
        .or_else(|| std::env::var("HOME").ok())
        .unwrap_or_else(|| "/".to_string());
    let expanded = if dir == "~" {
        PathBuf::from(home)
    } else if let Some(rest) = dir.strip_prefix("~/") {
        PathBuf::from(home).join(rest)
    } else {
        PathBuf::from(dir)
    };
    if expanded.is_absolute() {
        expanded
    } else {
        ctx.cwd.join(expanded)
    }
}

/// The client a command acts on by default: the one asking if it is attached, else the
/// most recently active client of the current session.
pub fn current_client(ctx: &Ctx<'_>) -> Option<ClientId> {
    if let Some(c) = ctx.attached_client() {
        return Some(c);
    }
    let session = target::resolve(ctx.server, &ctx.current, None, Kind::Session)
        .ok()
        .map(|f| f.session);
    ctx.server
        .clients
        .values()
        .filter(|c| c.attached.is_some())
        .filter(|c| session.is_none() || c.session() == session)
        .max_by_key(|c| c.activity)
        .map(|c| c.id)
}

/// The client a command acts for: the one its flag names (`-c`, or `-t` for the
/// client commands), else the current one.
pub fn client_flag(ctx: &Ctx<'_>, args: &Args, flag: char) -> Result<ClientId, String> {
    match args.get(flag) {
        Some(name) => find_client(ctx, name),
        None => current_client(ctx).ok_or_else(|| "no current client".to_string()),
    }
}

/// A client by its tty name (`-t /dev/pts/3` or `-t pts/3`).
pub fn find_client(ctx: &Ctx<'_>, name: &str) -> Result<ClientId, String> {
    ctx.server
        .clients
        .values()
        .filter(|c| c.attached.is_some())
        .find(|c| {
            let tty = c.tty();
            tty == name || tty.strip_prefix("/dev/") == Some(name) || c.name() == name
        })
        .map(|c| c.id)
        .ok_or_else(|| format!("can't find client: {name}"))
}

/// The program a command starts (new-window, split-window, respawn-*): its shell command
/// (the positional arguments), `-c` directory and `-e NAME=value` variables.
pub fn new_pane(ctx: &Ctx<'_>, args: &Args) -> Result<crate::server::NewPane, String> {
    let mut env = Vec::new();
    for e in args.all('e') {
        let (k, v) = e
            .split_once('=')
            .ok_or_else(|| format!("invalid environment: {e}"))?;
        env.push((k.to_string(), v.to_string()));
    }
    Ok(crate::server::NewPane {
        command: (!args.positional.is_empty()).then(|| args.positional.join(" ")),
        cwd: args.get('c').map(|d| expand_path(ctx, d)),
        env,
        shown: None,
    })
}

/// `-R policy` (rmux's own flag on new-session, new-window, split-window and
/// respawn-pane): the `restart` option for the new pane, checked before anything starts.
pub fn restart_flag(args: &Args) -> Result<Option<String>, String> {
    let Some(policy) = args.get('R') else {
        return Ok(None);
    };
    let d = crate::options::find("restart").ok_or("no restart option")?;
    crate::options::validate(d, policy)
        .map(Some)
        .map_err(|e| format!("restart {e}"))
}

/// Give `pane` the restart policy `-R` asked for.
pub fn set_restart(ctx: &mut Ctx<'_>, pane: crate::ids::PaneId, policy: Option<String>) {
    if let Some(policy) = policy {
        ctx.server.set_pane_option(pane, "restart", policy);
    }
}

/// A number in `min..=max`, with the word tmux's strtonum gives when it is not one
/// ("invalid", "too small", "too large"); callers put what it was in front.
pub fn parse_number(text: &str, min: i64, max: i64) -> Result<i64, String> {
    match text.parse::<i64>() {
        Err(_) => Err("invalid".to_string()),
        Ok(n) if n < min => Err("too small".to_string()),
        Ok(n) if n > max => Err("too large".to_string()),
        Ok(n) => Ok(n),
    }
}

/// A `-f` filter: the line is kept when the format expands to something true.
pub fn filter_passes(f: &dyn crate::format::FormatContext, filter: Option<&str>) -> bool {
    filter.is_none_or(|filter| {
        let v = crate::format::expand_no_time(filter, f, chrono::Local::now());
        !v.is_empty() && v != "0"
    })
}

pub use command_prompt::expand_for_client;

/// The commands of a command string (a binding, the prompt, a `{ … }` block), with
/// `$NAME` taken from `env`.
/// A command as parsed: its words, and which of them were `{ … }` blocks.
pub type Words = (Vec<String>, Vec<bool>);

/// As [`parse_commands`], keeping which arguments were blocks.
pub fn parse_commands_blocks(text: &str, env: &[(String, String)]) -> Result<Vec<Words>, String> {
    let lookup = |name: &str| env.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    crate::cmdline::parse_line(text, &lookup)
        .map(|p| p.commands.into_iter().zip(p.blocks).collect())
        .map_err(|e| e.to_string())
}

pub fn parse_commands(text: &str, env: &[(String, String)]) -> Result<Vec<Vec<String>>, String> {
    let lookup = |name: &str| env.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    crate::cmdline::parse_line(text, &lookup)
        .map(|p| p.commands)
        .map_err(|e| e.to_string())
}

/// The names `command-alias` gives by default (aliases set later are checked when
/// they run).
const DEFAULT_ALIASES: [&str; 6] = [
    "split-pane",
    "splitp",
    "server-info",
    "info",
    "choose-window",
    "choose-session",
];

/// Parse a command string and check every command in it exists, as tmux does when a
/// binding or a hook is set (rather than failing later, when it runs).
pub fn check_commands(text: &str) -> Result<(), String> {
    for argv in parse_commands(text, &[])? {
        if let Some(name) = argv.first()
            && !DEFAULT_ALIASES.contains(&name.as_str())
        {
            lookup(name)?;
        }
    }
    Ok(())
}

/// A command string as tmux prints it back (list-keys, show-hooks): each command by its
/// full name with its arguments in tmux's order, blocks as `{ … }`, `;` between them.
/// Text that does not parse is given back as it is.
pub fn canonical(text: &str) -> String {
    parse_commands_blocks(text, &[])
        .ok()
        .and_then(|commands| print_commands(&commands, " ; "))
        .unwrap_or_else(|| text.to_string())
}

/// Commands printed as tmux prints a command list, joined by `separator` (` ; `, or
/// ` \; ` at the top of list-keys). `None` if a command is unknown or its flags do not
/// parse.
pub fn print_commands(commands: &[Words], separator: &str) -> Option<String> {
    let printed: Option<Vec<String>> = commands
        .iter()
        .map(|(argv, blocks)| {
            let (name, rest) = argv.split_first()?;
            let entry = lookup(name).ok()?;
            let rest_blocks = blocks.get(1..).unwrap_or_default();
            let args = Args::parse_blocks(entry.name, entry.flags, rest, rest_blocks).ok()?;
            let args = args.print();
            Some(if args.is_empty() {
                entry.name.to_string()
            } else {
                format!("{} {args}", entry.name)
            })
        })
        .collect();
    printed.map(|p| p.join(separator))
}

/// The commands given as the arguments of bind-key (from positional argument `from`):
/// one argument is a command string or a `{ … }` block; several are one command's words,
/// `;` between commands.
pub fn command_list(
    args: &Args,
    from: usize,
    env: &[(String, String)],
) -> Result<Vec<Words>, String> {
    let words = args.positional.get(from..).unwrap_or_default();
    Ok(match words {
        [] => Vec::new(),
        [one] => parse_commands_blocks(one, env)?,
        many => {
            let mut list = Vec::new();
            let mut current: Words = (Vec::new(), Vec::new());
            for (i, w) in many.iter().enumerate() {
                let block = args.is_block(from + i);
                if !block && w == ";" {
                    if !current.0.is_empty() {
                        list.push(std::mem::take(&mut current));
                    }
                    continue;
                }
                current.0.push(w.clone());
                current.1.push(block);
            }
            if !current.0.is_empty() {
                list.push(current);
            }
            list
        }
    })
}

/// Every command of `list` exists (or is an alias, as `is_alias` says).
pub fn check_names(list: &[Words], is_alias: impl Fn(&str) -> bool) -> Result<(), String> {
    for (argv, _) in list {
        if let Some(name) = argv.first()
            && !DEFAULT_ALIASES.contains(&name.as_str())
            && !is_alias(name)
        {
            lookup(name)?;
        }
    }
    Ok(())
}

/// A `{ … }` block argument printed back: its commands canonical, or its text quoted
/// if they do not parse.
pub fn print_block(text: &str) -> String {
    let inner = canonical(text);
    if inner.is_empty() {
        "{ }".to_string()
    } else {
        format!("{{ {inner} }}")
    }
}

/// Whether running `name` may start a server when none is running.
pub fn starts_server(name: &str) -> bool {
    lookup(name).is_ok_and(|e| STARTS_SERVER.contains(&e.name))
}

/// `-s` (server) or `-w` (window) on set-option/show-options: the scope asked for.
pub fn scope_flag(args: &Args) -> Option<crate::options::Scope> {
    if args.has('s') {
        Some(crate::options::Scope::Server)
    } else if args.has('w') {
        Some(crate::options::Scope::Window)
    } else {
        None
    }
}

/// `-L`, `-R`, `-U` or `-D`: the direction asked for, if any.
pub fn direction_flag(args: &Args) -> Option<crate::layout::Direction> {
    use crate::layout::Direction;
    [
        ('L', Direction::Left),
        ('R', Direction::Right),
        ('U', Direction::Up),
        ('D', Direction::Down),
    ]
    .into_iter()
    .find(|(f, _)| args.has(*f))
    .map(|(_, d)| d)
}

/// The client a command acts on by default and the session it shows; an error when
/// there is no attached client (modes and prompts need one).
pub fn attached_session(ctx: &Ctx<'_>) -> Result<(ClientId, SessionId), String> {
    let client = current_client(ctx).ok_or("no current client")?;
    let session = ctx
        .server
        .clients
        .get(&client)
        .and_then(|c| c.session())
        .ok_or("no current client")?;
    Ok((client, session))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        for pair in TABLE.windows(2) {
            assert!(
                pair[0].name < pair[1].name,
                "{} must sort before {}",
                pair[0].name,
                pair[1].name
            );
        }
    }

    #[test]
    fn lookup_by_alias_and_prefix() {
        assert_eq!(lookup("new").unwrap().name, "new-session");
        assert_eq!(lookup("ls").unwrap().name, "list-sessions");
        assert_eq!(lookup("attach").unwrap().name, "attach-session");
        assert_eq!(lookup("a").unwrap().name, "attach-session");
        assert_eq!(lookup("kill-ser").unwrap().name, "kill-server");
        assert_eq!(
            lookup("frobnicate").unwrap_err(),
            "unknown command: frobnicate"
        );
        assert!(
            lookup("list")
                .unwrap_err()
                .starts_with("ambiguous command: list")
        );
    }
}
