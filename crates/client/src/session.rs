//! One connection: hello, the command, its output, and the hand-over to attached mode.

use std::io::{self, Write};
use std::os::unix::net::UnixStream;

use anyhow::{Context, Result, bail};
use rmux_proto::{
    ClientMessage, CommandRequest, HELLO_LEN, Hello, PROTOCOL_VERSION, ServerMessage, read_message,
    write_message,
};

/// How the command ended, for the process exit status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub status: i32,
}

/// Greet the server, send `request`, print what comes back and, if the server attaches
/// this client, run the attached client until it detaches or the server goes away.
pub fn run_command(mut stream: UnixStream, request: CommandRequest) -> Result<Outcome> {
    handshake(&mut stream)?;
    let can_attach = request.terminal.is_some();
    write_message(&mut stream, &ClientMessage::Command(request))
        .context("sending the command to the server")?;
    let mut stdout = io::stdout().lock();
    let mut stderr = io::stderr().lock();
    loop {
        let msg: Option<ServerMessage> =
            read_message(&mut stream).context("reading the server's answer")?;
        match msg {
            None => bail!("server exited unexpectedly"),
            Some(ServerMessage::Stdout(text)) => {
                stdout.write_all(text.as_bytes())?;
            }
            Some(ServerMessage::Stderr(text)) => {
                stderr.write_all(text.as_bytes())?;
            }
            Some(ServerMessage::Exit { status }) => {
                stdout.flush()?;
                return Ok(Outcome { status });
            }
            Some(ServerMessage::Attached { .. }) if can_attach => {
                stdout.flush()?;
                drop(stdout);
                drop(stderr);
                return crate::attached::run(stream);
            }
            Some(other) => bail!("unexpected message from the server: {other:?}"),
        }
    }
}

pub(crate) fn handshake(stream: &mut UnixStream) -> Result<()> {
    let hello = Hello {
        protocol_version: PROTOCOL_VERSION,
    };
    stream
        .write_all(&hello.encode())
        .context("greeting the server")?;
    let mut theirs = [0u8; HELLO_LEN];
    io::Read::read_exact(stream, &mut theirs).context("reading the server's greeting")?;
    let theirs = Hello::decode(&theirs)?;
    if theirs.protocol_version != PROTOCOL_VERSION {
        bail!(Hello::mismatch_message(
            theirs.protocol_version,
            PROTOCOL_VERSION
        ));
    }
    Ok(())
}
