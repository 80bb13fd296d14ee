//! A control-mode client (`rmux -C`, `-CC`), as tmux's: lines read from standard input
//! go to the server as commands; what the server writes (command blocks between
//! `%begin` and `%end`, `%output` and the other notifications) goes to standard output
//! unchanged; the client prints `%exit` when it leaves. With `-CC` the terminal is put in
//! the mode tmux uses and the output is wrapped in the DCS iTerm2 looks for.

use std::io::{self, BufRead, Write};
use std::os::unix::net::UnixStream;

use anyhow::{Context, Result};
use rmux_proto::{ClientMessage, CommandRequest, ServerMessage, read_message, write_message};

use crate::session::{Outcome, handshake};

/// DCS that starts a -CC session, and the ST that ends it.
const CC_START: &[u8] = b"\x1bP1000p";
const CC_END: &[u8] = b"\x1b\\";

pub fn run(mut stream: UnixStream, request: CommandRequest) -> Result<Outcome> {
    let double = request.control >= 2;
    let saved = if double { Some(raw_terminal()?) } else { None };
    handshake(&mut stream)?;
    write_message(&mut stream, &ClientMessage::Command(request))
        .context("sending the command to the server")?;
    let mut stdout = io::stdout().lock();
    if double {
        stdout.write_all(CC_START)?;
        stdout.flush()?;
    }
    let writer = stream.try_clone().context("sharing the connection")?;
    std::thread::spawn(move || read_commands(writer));
    let (reason, status): (Option<String>, i32) = loop {
        let msg: Option<ServerMessage> = read_message(&mut stream).unwrap_or_default();
        match msg {
            None => break (Some("server exited unexpectedly".to_string()), 1),
            Some(ServerMessage::Stdout(text)) => {
                stdout.write_all(text.as_bytes())?;
                stdout.flush()?;
                continue;
            }
            Some(ServerMessage::Stderr(text)) => {
                io::stderr().write_all(text.as_bytes())?;
                continue;
            }
            Some(ServerMessage::Exit { status }) => break (None, status),
            Some(ServerMessage::Detached { message, status }) => {
                // A reason only when the server sent one tmux would print.
                let reason = (message == "access not allowed" || message == "too far behind")
                    .then_some(message);
                break (reason, status);
            }
            // Frames, titles, bells: an attached terminal's business, not ours.
            Some(_) => continue,
        }
    };
    match reason {
        Some(r) => writeln!(stdout, "%exit {r}")?,
        None => writeln!(stdout, "%exit")?,
    }
    if double {
        stdout.write_all(CC_END)?;
    }
    stdout.flush()?;
    if let Some(saved) = saved {
        let _ = rustix::termios::tcsetattr(
            io::stdout(),
            rustix::termios::OptionalActions::Flush,
            &saved,
        );
    }
    Ok(Outcome::exit(status))
}

/// Standard input to the server, the lines read together sent together (the server
/// runs them before it reports what they changed, as tmux does with one read); the end
/// of the input as an empty line, which tells the server this client is leaving.
fn read_commands(mut stream: UnixStream) {
    // Our own buffer, to see whether more lines came in the same read.
    let mut input = io::BufReader::with_capacity(64 * 1024, io::stdin().lock());
    loop {
        let mut batch = Vec::new();
        loop {
            let start = batch.len();
            match input.read_until(b'\n', &mut batch) {
                Ok(0) | Err(_) => {
                    // A last line without its newline is not a command, as in tmux.
                    batch.truncate(start);
                    if batch.pop().is_some() {
                        let _ = send_lines(&mut stream, batch);
                    }
                    let _ = send_lines(&mut stream, Vec::new());
                    return;
                }
                Ok(_) => {}
            }
            if batch.last() != Some(&b'\n') {
                batch.truncate(start);
                continue;
            }
            if !input.buffer().contains(&b'\n') {
                break;
            }
        }
        batch.pop();
        let leaving = batch.split(|b| *b == b'\n').any(<[u8]>::is_empty);
        if send_lines(&mut stream, batch).is_err() || leaving {
            return;
        }
    }
}

fn send_lines(stream: &mut UnixStream, lines: Vec<u8>) -> io::Result<()> {
    write_message(stream, &ClientMessage::ControlLine(lines)).map_err(io::Error::other)
}

/// -CC needs a terminal: no echo, CR read as LF, LF written as CRLF (tmux's settings).
/// Returns the settings to restore.
fn raw_terminal() -> Result<rustix::termios::Termios> {
    use rustix::termios::{
        ControlModes, InputModes, LocalModes, OptionalActions, OutputModes, SpecialCodeIndex,
        tcgetattr, tcsetattr,
    };
    let stdin = io::stdin();
    let saved = tcgetattr(&stdin).map_err(|e| {
        // The system's words alone, as tmux prints them.
        let e = io::Error::from(e).to_string();
        let words = e.split(" (os error").next().unwrap_or(&e);
        anyhow::anyhow!("tcgetattr failed: {words}")
    })?;
    let mut t = saved.clone();
    t.make_raw();
    t.input_modes = InputModes::ICRNL | InputModes::IXANY;
    t.output_modes = OutputModes::OPOST | OutputModes::ONLCR;
    t.local_modes = LocalModes::empty();
    t.control_modes = ControlModes::CREAD | ControlModes::CS8 | ControlModes::HUPCL;
    t.special_codes[SpecialCodeIndex::VMIN] = 1;
    t.special_codes[SpecialCodeIndex::VTIME] = 0;
    tcsetattr(&stdin, OptionalActions::Now, &t).context("setting up the terminal")?;
    Ok(saved)
}
