//! One connection: hello, the command, its output, and the hand-over to attached mode.

use std::io::{self, Write};
use std::os::unix::net::UnixStream;

use anyhow::{Context, Result, bail};
use rmux_proto::{
    ClientMessage, CommandRequest, HELLO_LEN, Hello, PROTOCOL_VERSION, ServerMessage,
    UPGRADE_REQUEST, read_message, write_message,
};

/// How the command ended, for the process exit status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub status: i32,
    pub next: Next,
}

/// What the caller does next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    Exit,
    /// The server is upgrading (`server-upgrade`): the connection closed while its
    /// process lives on. An attached client connects again and attaches where it was.
    Reattach,
    /// This client asked for the upgrade: the caller waits until the new server answers.
    AwaitUpgrade,
}

impl Outcome {
    pub fn exit(status: i32) -> Outcome {
        Outcome {
            status,
            next: Next::Exit,
        }
    }
}

/// Whether the server at the other end of `stream` still runs: a connection closed
/// without a word by a live server is a live upgrade (the process executes the new
/// rmux and keeps its pid).
pub(crate) fn server_lives(stream: &UnixStream) -> bool {
    rustix::net::sockopt::socket_peercred(stream)
        .ok()
        .is_some_and(|cred| rustix::process::test_kill_process(cred.pid).is_ok())
}

/// Greet the server, send `request`, print what comes back and, if the server attaches
/// this client, run the attached client until it detaches or the server goes away.
pub fn run_command(mut stream: UnixStream, request: CommandRequest) -> Result<Outcome> {
    let upgrading = request.argv.first().map(Vec::as_slice) == Some(b"server-upgrade");
    let server = greet(&mut stream)?;
    if server != PROTOCOL_VERSION {
        if upgrading {
            return request_upgrade(stream);
        }
        bail!(Hello::mismatch_message(server, PROTOCOL_VERSION));
    }
    let can_attach = request.terminal.is_some();
    write_message(&mut stream, &ClientMessage::Command(request))
        .context("sending the command to the server")?;
    let mut stdout = io::stdout().lock();
    let mut stderr = io::stderr().lock();
    loop {
        let msg: Option<ServerMessage> =
            read_message(&mut stream).context("reading the server's answer")?;
        match msg {
            None if upgrading && server_lives(&stream) => {
                return Ok(Outcome {
                    status: 0,
                    next: Next::AwaitUpgrade,
                });
            }
            None => bail!("server exited unexpectedly"),
            Some(ServerMessage::Stdout(text)) => {
                stdout.write_all(text.as_bytes())?;
            }
            Some(ServerMessage::Stderr(text)) => {
                stderr.write_all(text.as_bytes())?;
            }
            Some(ServerMessage::Exit { status }) => {
                stdout.flush()?;
                return Ok(Outcome::exit(status));
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
    let server = greet(stream)?;
    if server != PROTOCOL_VERSION {
        bail!(Hello::mismatch_message(server, PROTOCOL_VERSION));
    }
    Ok(())
}

/// Exchange greetings; the server's protocol version.
fn greet(stream: &mut UnixStream) -> Result<u32> {
    let hello = Hello {
        protocol_version: PROTOCOL_VERSION,
    };
    stream
        .write_all(&hello.encode())
        .context("greeting the server")?;
    let mut theirs = [0u8; HELLO_LEN];
    io::Read::read_exact(stream, &mut theirs).context("reading the server's greeting")?;
    Ok(Hello::decode(&theirs)?.protocol_version)
}

/// `server-upgrade` to a server of another protocol version: the one request greetings
/// of different versions allow. The connection closes with the server's exec, or after
/// the reason it cannot upgrade.
fn request_upgrade(mut stream: UnixStream) -> Result<Outcome> {
    stream
        .write_all(&UPGRADE_REQUEST)
        .context("asking the server to upgrade")?;
    let mut why = String::new();
    let _ = io::Read::read_to_string(&mut stream, &mut why);
    if !why.is_empty() {
        bail!("{why}");
    }
    if !server_lives(&stream) {
        bail!("the server exited instead of upgrading");
    }
    Ok(Outcome {
        status: 0,
        next: Next::AwaitUpgrade,
    })
}
