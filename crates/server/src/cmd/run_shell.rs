//! run-shell and if-shell: run a shell command (with `-b` in the background), and choose
//! between two command lines by its exit status (or, with `-F`, by a format).

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};
use crate::formats::FormatTarget;

/// How long a shell command may run in the foreground before it is given up on (the
/// server cannot do anything else meanwhile).
const FOREGROUND_LIMIT: Duration = Duration::from_secs(10);

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
    FormatTarget {
        server: ctx.server,
        client: ctx.client,
        session: found.map(|f| f.session),
        window: found.map(|f| f.window),
        pane: found.map(|f| f.pane),
    }
    .expand_plain(text)
}

fn shell_command(ctx: &Ctx<'_>, line: &str) -> Command {
    let shell = ctx.server.session_option(None, "default-shell").to_string();
    let mut cmd = Command::new(shell);
    cmd.arg("-c")
        .arg(line)
        .current_dir(&ctx.cwd)
        .env_clear()
        .envs(ctx.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .stdin(Stdio::null());
    cmd
}

/// Run `line` and wait for it (bounded): its status and what it printed.
fn run_foreground(ctx: &Ctx<'_>, line: &str) -> Result<(bool, String), String> {
    let mut child = shell_command(ctx, line)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {line}: {e}"))?;
    let deadline = Instant::now() + FOREGROUND_LIMIT;
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(2)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("'{line}' took too long"));
            }
        }
    }
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    Ok((out.status.success(), text))
}

fn run_background(ctx: &Ctx<'_>, line: &str) -> Result<(), String> {
    let mut child = shell_command(ctx, line)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run {line}: {e}"))?;
    std::thread::spawn(move || child.wait());
    Ok(())
}

fn exec_run(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let Some(line) = args.arg(0) else {
        return Ok(Flow::Continue);
    };
    let line = expand(ctx, args, line);
    if args.has('C') {
        let commands = super::parse_commands(&line, &ctx.env)?;
        return super::run_list(ctx, &commands);
    }
    if args.has('b') {
        run_background(ctx, &line)?;
        return Ok(Flow::Continue);
    }
    let (ok, text) = run_foreground(ctx, &line)?;
    ctx.out.push_str(&text);
    if ok {
        Ok(Flow::Continue)
    } else {
        Err(format!("'{line}' returned non-zero"))
    }
}

fn exec_if(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let condition = expand(ctx, args, args.arg(0).unwrap_or(""));
    let truth = if args.has('F') {
        crate::format::is_true(&condition)
    } else {
        run_foreground(ctx, &condition)?.0
    };
    let chosen = if truth { args.arg(1) } else { args.arg(2) };
    let Some(text) = chosen else {
        return Ok(Flow::Continue);
    };
    let commands = super::parse_commands(text, &ctx.env)?;
    super::run_list(ctx, &commands)
}
