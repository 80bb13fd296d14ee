//! Global flags (`-L`, `-S`, `-f`, `-V`, ...) as tmux takes them, then the command.

use std::ffi::OsString;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::PathBuf;

use anyhow::{Result, bail};
use rmux_proto::{CommandRequest, Size, TerminalInfo};
use rmux_server::paths::{SocketChoice, socket_path};

use crate::connect;

use rmux_server::help::USAGE;

/// What the global flags said.
#[derive(Debug, Default)]
pub struct Global {
    pub socket: SocketChoice,
    pub config: Option<PathBuf>,
    /// `-N`: never start a server.
    pub no_start: bool,
    /// `-v` (repeatable): the server writes a log.
    pub verbosity: u8,
    /// `-T`: terminal features the terminal has whatever its terminfo says.
    pub features: String,
    /// `-C` (1) or `-CC` (2): control mode.
    pub control: u8,
    pub command: Vec<String>,
}

/// Parse the global flags; the first word that is not one starts the command.
pub fn parse(args: Vec<String>) -> Result<Option<Global>> {
    let mut g = Global::default();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if a == "--" {
            i += 1;
            break;
        }
        // Not tmux's (it has no -h), but the first thing a newcomer types.
        if a == "--help" || a == "-h" {
            print!("{}", rmux_server::help::global());
            return Ok(None);
        }
        if !a.starts_with('-') || a == "-" {
            break;
        }
        let flags: Vec<char> = a[1..].chars().collect();
        let mut j = 0;
        while j < flags.len() {
            let f = flags[j];
            let takes_value = matches!(f, 'L' | 'S' | 'f' | 'c' | 'T');
            let value = if takes_value {
                let rest: String = flags[j + 1..].iter().collect();
                j = flags.len();
                if rest.is_empty() {
                    i += 1;
                    match args.get(i) {
                        Some(v) => Some(v.clone()),
                        None => bail!("rmux: option requires an argument -- {f}\n{USAGE}"),
                    }
                } else {
                    Some(rest)
                }
            } else {
                j += 1;
                None
            };
            match (f, value) {
                ('L', Some(v)) => g.socket = SocketChoice::Name(v),
                ('S', Some(v)) => g.socket = SocketChoice::Path(PathBuf::from(v)),
                ('f', Some(v)) => g.config = Some(PathBuf::from(v)),
                ('V', _) => {
                    if invoked_as_tmux() || script_under_tmux_face() {
                        // Scripts compare this with tmux versions (`tmux -V`).
                        println!("tmux {}", rmux_server::tmux_face::TMUX_VERSION);
                    } else {
                        println!("rmux {}", env!("CARGO_PKG_VERSION"));
                    }
                    return Ok(None);
                }
                ('N', _) => g.no_start = true,
                ('v', _) => g.verbosity = g.verbosity.saturating_add(1),
                ('c', Some(_)) => bail!("rmux: -c is not supported"),
                ('C', _) => g.control = g.control.saturating_add(1).min(2),
                ('T', Some(v)) => {
                    if !g.features.is_empty() {
                        g.features.push(',');
                    }
                    g.features.push_str(&v);
                }
                // -2 is "256 colours", as tmux's -T 256.
                ('2', _) => {
                    if !g.features.is_empty() {
                        g.features.push(',');
                    }
                    g.features.push_str("256");
                }
                // Accepted for tmux compatibility; rmux always uses UTF-8.
                ('u' | 'l' | 'D', _) => {}
                (other, _) => bail!("rmux: unknown option -- {other}\n{USAGE}"),
            }
        }
        i += 1;
    }
    g.command = args[i..].to_vec();
    Ok(Some(g))
}

pub fn run(raw: Vec<OsString>) -> Result<i32> {
    let args: Vec<String> = raw
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    if args.first().map(String::as_str) == Some("__server") {
        return run_server(&args[1..]);
    }
    if args.first().map(String::as_str) == Some("__man") {
        print!("{}", rmux_server::man::page());
        return Ok(0);
    }
    let Some(global) = parse(args)? else {
        return Ok(0);
    };
    // Help is answered here, without a server: it must work before one exists and
    // must not start one.
    if let Some(status) = answer_help(&global.command) {
        return Ok(status);
    }
    // The command goes to the server as the bytes it was given.
    let argv: Vec<Vec<u8>> = raw[raw.len() - global.command.len()..]
        .iter()
        .map(|a| a.as_bytes().to_vec())
        .collect();
    let (socket, private_dir) = resolve_socket(&global.socket);
    let first = global.command.first().map_or("new-session", String::as_str);
    let may_start = !global.no_start && rmux_server::starts_server(first);
    let start = connect::Start {
        allowed: may_start,
        config: global.config.as_deref(),
        verbosity: global.verbosity,
    };
    let stream = match connect::connect(&socket, private_dir, &start)? {
        Some(s) => s,
        None => {
            eprintln!("no server running on {}", socket.display());
            // A person (not a script) is told how to start one.
            if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
                eprintln!("(start one with: rmux new -s NAME)");
            }
            return Ok(1);
        }
    };
    let request = CommandRequest {
        argv,
        cwd: std::env::current_dir()
            .map(|d| d.into_os_string().into_vec())
            .unwrap_or_else(|_| b"/".to_vec()),
        env: std::env::vars_os()
            .map(|(k, v)| (k.into_vec(), v.into_vec()))
            .collect(),
        // A control client has no terminal for the server to draw on.
        terminal: if global.control > 0 {
            None
        } else {
            terminal_info(&global.features)
        },
        control: global.control,
    };
    let outcome = if global.control > 0 {
        rmux_client::run_control(stream, request)?
    } else {
        rmux_client::run_command(stream, request)?
    };
    match outcome.next {
        rmux_client::Next::Exit => Ok(outcome.status),
        rmux_client::Next::Reattach => crate::upgrade::reattach(&socket, &global.features),
        rmux_client::Next::AwaitUpgrade => crate::upgrade::await_new_server(&socket),
    }
}

/// `rmux help [command]` and `rmux <command> --help`: the exit status, or `None` when
/// the command is not a request for help.
fn answer_help(command: &[String]) -> Option<i32> {
    let words: Vec<&str> = command.iter().map(String::as_str).collect();
    let name = match words.as_slice() {
        ["help"] => {
            print!("{}", rmux_server::help::overview());
            return Some(0);
        }
        ["help", name] | [name, "--help"] => *name,
        ["help", ..] => {
            eprintln!("usage: rmux help [command]");
            return Some(1);
        }
        _ => return None,
    };
    match rmux_server::help::command(name) {
        Ok(text) => {
            print!("{text}");
            Some(0)
        }
        Err(e) => {
            eprintln!("{e}");
            Some(1)
        }
    }
}

/// Whether this program was run as `tmux` (the link rmux gives the programs it runs, or
/// one a user made): then it answers as the tmux it is compatible with, and `$TMUX`
/// names its server.
fn invoked_as_tmux() -> bool {
    std::env::args_os()
        .next()
        .map(PathBuf::from)
        .and_then(|p| p.file_name().map(|n| n == "tmux"))
        .unwrap_or(false)
}

/// A script rmux started, with rmux as its tmux (`$TMUX` is rmux's own `$RMUX`), that
/// found rmux by its path rather than as `tmux` (oh-my-tmux reads the server's
/// `/proc/<pid>/exe`) and asks for the version to pick its branch: it gets the tmux
/// version rmux is compatible with. A person typing `rmux -V` in a pane (the output
/// going to a terminal) gets rmux's own.
fn script_under_tmux_face() -> bool {
    use std::io::IsTerminal;
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    !std::io::stdout().is_terminal() && var("RMUX").is_some() && var("RMUX") == var("TMUX")
}

/// `-S`/`-L` if given; else the socket of the rmux we run inside (`$RMUX`, or `$TMUX`
/// when run as `tmux`); else the default one. Also says whether it lives in rmux's
/// private per-user directory.
fn resolve_socket(choice: &SocketChoice) -> (PathBuf, bool) {
    if *choice == SocketChoice::Default {
        let mut vars = vec!["RMUX"];
        if invoked_as_tmux() {
            vars.push("TMUX");
        }
        for var in vars {
            let Ok(v) = std::env::var(var) else {
                continue;
            };
            // "<socket>,<server pid>,<session id>"; the path itself may hold commas.
            let mut parts = v.rsplitn(3, ',');
            let (_, _, path) = (parts.next(), parts.next(), parts.next());
            if let Some(p) = path.filter(|p| !p.is_empty()) {
                return (PathBuf::from(p), false);
            }
        }
    }
    let private = !matches!(choice, SocketChoice::Path(_));
    (socket_path(choice), private)
}

/// The caller's terminal, when stdin and stdout are one.
fn terminal_info(features: &str) -> Option<TerminalInfo> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return None;
    }
    let ws = rustix::termios::tcgetwinsize(std::io::stdout()).ok()?;
    let term = std::env::var("TERM").unwrap_or_default();
    let tty = rustix::termios::ttyname(std::io::stdin(), Vec::new())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Some(TerminalInfo {
        size: Size {
            cols: if ws.ws_col == 0 { 80 } else { ws.ws_col },
            rows: if ws.ws_row == 0 { 24 } else { ws.ws_row },
        },
        terminfo: rmux_client::terminfo_capabilities(&term),
        term,
        tty,
        pid: std::process::id(),
        features: features.to_string(),
    })
}

/// `rmux __server -S <socket> [-f <config>]`: the detached server process.
fn run_server(args: &[String]) -> Result<i32> {
    let mut socket = None;
    let mut config = None;
    let mut verbosity = 0u8;
    let mut starter = None;
    let mut resume = None;
    let mut check = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-S" => socket = it.next().map(PathBuf::from),
            "-f" => config = it.next().map(PathBuf::from),
            "-v" => verbosity = verbosity.saturating_add(1),
            "-P" => starter = it.next().and_then(|p| p.parse().ok()),
            "--resume" => resume = it.next().map(PathBuf::from),
            "--check" => check = it.next().map(PathBuf::from),
            other => bail!("__server: unexpected argument {other}"),
        }
    }
    let Some(socket) = socket else {
        bail!("__server: -S socket is required");
    };
    if let Some(path) = check {
        // A live upgrade asks whether this binary can take over (see server-upgrade).
        let summary = rmux_server::check_handover(&path).map_err(anyhow::Error::msg)?;
        println!("{summary}");
        return Ok(0);
    }
    rmux_server::run(rmux_server::ServerConfig {
        socket,
        config_file: config,
        verbosity,
        starter,
        resume,
        ready: None,
    })?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(args: &[&str]) -> Global {
        parse(args.iter().map(|s| s.to_string()).collect())
            .unwrap()
            .unwrap()
    }

    #[test]
    fn global_flags_then_command() {
        let g = p(&["-L", "work", "-f/dev/null", "new", "-s", "x"]);
        assert_eq!(g.socket, SocketChoice::Name("work".into()));
        assert_eq!(g.config, Some(PathBuf::from("/dev/null")));
        assert_eq!(g.command, vec!["new", "-s", "x"]);
        let g = p(&["-2u", "-S", "/tmp/s", "ls"]);
        assert_eq!(g.socket, SocketChoice::Path("/tmp/s".into()));
        assert_eq!(g.command, vec!["ls"]);
    }

    #[test]
    fn unknown_global_flag_is_an_error() {
        assert!(parse(vec!["-Q".into()]).is_err());
    }
}
