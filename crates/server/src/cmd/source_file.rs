//! source-file: run the commands in configuration files.
//!
//! The files are read by a job (a path may be a FIFO: the loop must not wait on it);
//! their commands are then queued right after the source-file command, each line a group
//! of its own, so a bad line does not stop the lines after it. A file that sources itself
//! stops at [`DEPTH_LIMIT`] levels, as tmux does.

use std::rc::Rc;

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Item, Pending, Then};
use crate::jobs::{Done, Job};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "source-file",
    alias: Some("source"),
    flags: "Fnqv",
    args: (1, None),
    usage: "[-Fnqv] path ...",
    exec,
};

/// How deep files may source files.
pub const DEPTH_LIMIT: u8 = 50;

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let mut paths = Vec::new();
    let mut names = Vec::new();
    for path in &args.positional {
        let path = if args.has('F') {
            crate::formats::FormatTarget {
                server: ctx.server,
                winlink: None,
                client: ctx.client,
                session: ctx.current.session,
                window: ctx.current.window,
                pane: ctx.current.pane,
            }
            .expand_plain(path)
        } else {
            path.clone()
        };
        let path = super::expand_path(ctx, &path);
        if ctx.depth >= DEPTH_LIMIT {
            return Err(format!("too many nested files: {}", path.display()));
        }
        names.push(path.display().to_string());
        paths.push(path);
    }
    Ok(Flow::Wait(Pending {
        job: Job::Read(paths),
        then: Then::SourceFile {
            names,
            parse_only: args.has('n'),
            quiet: args.has('q'),
        },
    }))
}

/// The files are read: queue their commands; a file that could not be read is an error
/// (not with `-q` when it does not exist).
pub fn finish(
    ctx: &mut Ctx<'_>,
    names: &[String],
    parse_only: bool,
    quiet: bool,
    done: Done,
) -> CmdResult {
    let Done::Read(results) = done else {
        return Ok(Flow::Continue);
    };
    let mut errors = Vec::new();
    for (name, result) in names.iter().zip(results) {
        match result {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes);
                errors.extend(queue_config(ctx, name, &text, parse_only));
            }
            Err(e) if quiet && e.ends_with("No such file or directory") => {}
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(Flow::Continue)
    } else {
        Err(errors.join("\n"))
    }
}

/// Parse a configuration text and queue its commands to run next, one group per line;
/// returns the syntax errors (`file:line: message`). `NAME=value` lines set the global
/// environment and the caller's, as in tmux.
pub fn queue_config(ctx: &mut Ctx<'_>, name: &str, text: &str, parse_only: bool) -> Vec<String> {
    let parsed = {
        let env = ConfigEnv {
            server: ctx.server,
            env: &ctx.env,
        };
        crate::cmdline::parse_config(text, &env)
    };
    let errors: Vec<String> = parsed
        .errors
        .iter()
        .map(|e| format!("{name}:{}: {}", e.line, e.message))
        .collect();
    for a in &parsed.assignments {
        ctx.env.retain(|(k, _)| *k != a.name);
        ctx.env.push((a.name.clone(), a.value.clone()));
        // `%hidden NAME=value` is for the configuration and formats, not programs.
        let (to, other) = if a.hidden {
            (&mut ctx.server.global_hidden, &mut ctx.server.global_env)
        } else {
            (&mut ctx.server.global_env, &mut ctx.server.global_hidden)
        };
        other.retain(|(k, _)| *k != a.name);
        to.retain(|(k, _)| *k != a.name);
        to.push((a.name.clone(), a.value.clone()));
    }
    if parse_only {
        return errors;
    }
    let file: Rc<str> = Rc::from(name);
    let depth = ctx.depth.saturating_add(1);
    let mut groups: Vec<Vec<Item>> = Vec::new();
    let mut last_line = None;
    for c in parsed.commands {
        let item = Item {
            argv: c.argv,
            blocks: c.blocks,
            source: Some((Rc::clone(&file), c.line)),
            depth,
        };
        match groups.last_mut() {
            Some(group) if last_line == Some(c.line) => group.push(item),
            _ => groups.push(vec![item]),
        }
        last_line = Some(c.line);
    }
    ctx.insert.extend(groups);
    errors
}

/// What a config file's `$NAME` and `%if` see: the caller's environment and the server's
/// formats.
struct ConfigEnv<'a> {
    server: &'a crate::server::Server,
    env: &'a [(String, String)],
}

impl crate::cmdline::ParseEnv for ConfigEnv<'_> {
    fn var(&self, name: &str) -> Option<String> {
        self.env
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }

    fn expand_condition(&self, condition: &str) -> String {
        crate::formats::FormatTarget {
            server: self.server,
            winlink: None,
            client: None,
            session: None,
            window: None,
            pane: None,
        }
        .expand(condition)
    }
}
