//! pipe-pane: send a pane's output to a shell command (`pipe-pane -o 'cat >> ~/log'`),
//! or with `-I` the command's output to the pane; no command closes the pipe.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};

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
    let pane = ctx.server.panes.get(&found.pane).ok_or("no such pane")?;
    let open = pane.pty.has_tee();
    // -o: toggle; an open pipe is closed and nothing new is started.
    pane.pty.set_tee(None);
    let Some(command) = args.arg(0).filter(|c| !c.is_empty()) else {
        return Ok(Flow::Continue);
    };
    if args.has('o') && open {
        return Ok(Flow::Continue);
    }
    let output = args.has('O') || !args.has('I');
    let input = args.has('I');
    let shell = ctx
        .server
        .session_option(Some(found.session), "default-shell")
        .to_string();
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
    if let Some(mut stdin) = child.stdin.take() {
        let (tx, rx) = mpsc::sync_channel::<Vec<u8>>(crate::pty::TEE_CHUNKS);
        pane.pty.set_tee(Some(tx));
        std::thread::spawn(move || {
            while let Ok(bytes) = rx.recv() {
                if stdin.write_all(&bytes).is_err() {
                    break;
                }
            }
        });
    }
    if let Some(mut stdout) = child.stdout.take() {
        let to_pane = pane.pty.input_sender();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 {
                    break;
                }
                to_pane.send(buf[..n].to_vec());
            }
        });
    }
    // Reap the command when it ends so it leaves no zombie behind.
    std::thread::spawn(move || child.wait());
    Ok(Flow::Continue)
}
