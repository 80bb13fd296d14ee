//! run-shell and if-shell: run a shell command, and choose between two command lines by
//! its exit status (or, with `-F`, by a format).
//!
//! The command runs as a job beside the server loop ([`crate::jobs`]); the caller's queue
//! waits for it (not with `-b`), so a slow command holds up only the client that asked.

use std::time::Duration;

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind, Pending, Then};
use crate::formats::FormatTarget;
use crate::jobs::{Done, Job};

pub static RUN_SHELL: CmdEntry = CmdEntry {
    name: "run-shell",
    alias: Some("run"),
    flags: "bd:Ct:",
    args: (0, Some(1)),
    usage: "[-bC] [-d delay] [-t target-pane] [shell-command]",
    exec: exec_run,
};

pub static IF_SHELL: CmdEntry = CmdEntry {
    name: "if-shell",
    alias: Some("if"),
    flags: "bFt:",
    args: (2, Some(3)),
    usage: "[-bF] [-t target-pane] shell-command command [command]",
    exec: exec_if,
};

fn expand(ctx: &Ctx<'_>, args: &Args, text: &str) -> String {
    let found = ctx.target(args, 't', Kind::Pane).ok();
    FormatTarget::for_found(ctx.server, found, ctx.client).expand_plain(text)
}

/// The job that runs `line` with the caller's directory and environment.
fn shell_job(ctx: &Ctx<'_>, line: &str, delay: Duration) -> Job {
    Job::Shell {
        shell: ctx.server.session_option(None, "default-shell").to_string(),
        line: line.to_string(),
        cwd: ctx.cwd.clone(),
        env: ctx.server.job_environment(&ctx.env),
        delay,
    }
}

fn parse_delay(args: &Args) -> Result<Duration, String> {
    match args.get('d') {
        None => Ok(Duration::ZERO),
        Some(d) => d
            .parse::<f64>()
            .ok()
            .filter(|s| s.is_finite() && *s >= 0.0)
            .map(Duration::from_secs_f64)
            .ok_or_else(|| format!("invalid delay time: {d}")),
    }
}

fn exec_run(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let delay = parse_delay(args)?;
    let Some(line) = args.arg(0) else {
        if delay.is_zero() {
            return Ok(Flow::Continue);
        }
        // `run -d 2` alone: wait, as a sleep in the queue.
        let job = shell_job(ctx, "", delay);
        return Ok(Flow::Wait(Pending {
            job,
            then: Then::RunShell {
                line: String::new(),
            },
        }));
    };
    if args.has('C') {
        super::insert_commands(ctx, line)?;
        return Ok(Flow::Continue);
    }
    let line = expand(ctx, args, line);
    let job = shell_job(ctx, &line, delay);
    if args.has('b') {
        ctx.server.start_background_job(job);
        return Ok(Flow::Continue);
    }
    Ok(Flow::Wait(Pending {
        job,
        then: Then::RunShell { line },
    }))
}

/// run-shell's command is done: its output is the command's output; a failure is the
/// caller's exit status (`'cmd' returned 3` on stderr), as in tmux.
pub fn finish_run(ctx: &mut Ctx<'_>, line: &str, done: Done) -> CmdResult {
    let Done::Shell {
        status,
        output,
        error,
    } = done
    else {
        return Ok(Flow::Continue);
    };
    if let Some(e) = error {
        return Err(e);
    }
    if line.is_empty() {
        return Ok(Flow::Continue);
    }
    ctx.out.push_str(&String::from_utf8_lossy(&output));
    match status {
        Some(0) => Ok(Flow::Continue),
        Some(code) => {
            ctx.exit_status = Some(code);
            Err(format!("'{line}' returned {code}"))
        }
        None => {
            ctx.exit_status = Some(1);
            Err(format!("'{line}' terminated by a signal"))
        }
    }
}

fn exec_if(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let condition = expand(ctx, args, args.arg(0).unwrap_or(""));
    let yes = args.arg(1).map(str::to_string);
    let no = args.arg(2).map(str::to_string);
    if args.has('F') {
        let chosen = if crate::format::is_true(&condition) {
            yes
        } else {
            no
        };
        if let Some(text) = chosen {
            super::insert_commands(ctx, &text)?;
        }
        return Ok(Flow::Continue);
    }
    // Parse both now: a mistake is reported at once, not after the command ran.
    for text in [&yes, &no].into_iter().flatten() {
        super::parse_commands(text, &ctx.env)?;
    }
    let pending = Pending {
        job: shell_job(ctx, &condition, Duration::ZERO),
        then: Then::IfShell { yes, no },
    };
    if args.has('b') {
        let attached = ctx.attached_client().is_some();
        let caller = ctx.caller();
        ctx.server.start_detached(caller, attached, pending);
        return Ok(Flow::Continue);
    }
    Ok(Flow::Wait(pending))
}

/// if-shell's condition is done: queue the branch its status chose.
pub fn finish_if(
    ctx: &mut Ctx<'_>,
    yes: Option<String>,
    no: Option<String>,
    done: Done,
) -> CmdResult {
    let truth = match done {
        Done::Shell { error: Some(e), .. } => return Err(e),
        Done::Shell { status, .. } => status == Some(0),
        _ => false,
    };
    if let Some(text) = if truth { yes } else { no } {
        super::insert_commands(ctx, &text)?;
    }
    Ok(Flow::Continue)
}
