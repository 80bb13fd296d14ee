//! pipe-pane: send a pane's output to a shell command (`pipe-pane -o 'cat >> ~/log'`),
//! or with `-I` the command's output to the pane; no command closes the pipe.

use std::os::fd::OwnedFd;
use std::process::{Command, Stdio};

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};
use crate::pane_pipe::PanePipe;

pub static ENTRY: CmdEntry = CmdEntry {
    name: "pipe-pane",
    alias: Some("pipep"),
    flags: "IOot:",
    args: (0, Some(1)),
    usage: "[-IOo] [-t target-pane] [shell-command]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let found = ctx.target(args, 't', Kind::Pane)?;
    let shell = ctx
        .server
        .session_option(Some(found.session), "default-shell")
        .to_string();
    let pane = ctx
        .server
        .panes
        .get_mut(&found.pane)
        .ok_or("no such pane")?;
    let open = pane.pipe.is_some();
    // -o: toggle; an open pipe is closed and nothing new is started.
    pane.pty.set_tee(None);
    pane.pipe = None;
    let Some(command) = args.arg(0).filter(|c| !c.is_empty()) else {
        return Ok(Flow::Continue);
    };
    if args.has('o') && open {
        return Ok(Flow::Continue);
    }
    let output = args.has('O') || !args.has('I');
    let input = args.has('I');
    let mut child = Command::new(&shell)
        .arg("-c")
        .arg(command)
        .current_dir(&pane.spec.cwd)
        .envs(pane.spec.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .stdin(if output {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(if input { Stdio::piped() } else { Stdio::null() })
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run {command}: {e}"))?;
    let to_command = child.stdin.take().map(OwnedFd::from);
    let from_command = child.stdout.take().map(OwnedFd::from);
    // Reap the command when it ends so it leaves no zombie behind.
    std::thread::spawn(move || child.wait());
    let pipe = PanePipe::start(&pane.pty, to_command, from_command)
        .map_err(|e| format!("cannot pipe to {command}: {e}"))?;
    pane.pipe = Some(pipe);
    Ok(Flow::Continue)
}
