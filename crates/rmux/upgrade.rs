//! The client's side of a live upgrade (`server-upgrade`): the server's process executes
//! the new rmux and every connection to it closes. An attached client executes the rmux
//! binary now on disk in its own process and attaches again (the new server puts it back
//! where it was: it knows the process); the client that asked waits until the new server
//! answers.

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use rmux_proto::{HELLO_LEN, Hello, PROTOCOL_VERSION};

/// How long the new server may take to answer.
const NEW_SERVER_WAIT: Duration = Duration::from_secs(30);

/// Become a new client of the upgraded server on `socket`, attached where this one was.
/// Returns only when that cannot be done.
pub fn reattach(socket: &Path, features: &str) -> Result<i32> {
    // The listening socket lives on in the new server: a refused connection means the
    // server died instead.
    if UnixStream::connect(socket).is_err() {
        give_terminal_back();
        println!("[lost server]");
        return Ok(1);
    }
    let binary = rmux_server::paths::current_binary().context("cannot find rmux's binary")?;
    let mut command = std::process::Command::new(&binary);
    command.arg("-S").arg(socket);
    if !features.is_empty() {
        command.arg("-T").arg(features);
    }
    let err = command.arg("attach-session").exec();
    give_terminal_back();
    bail!("cannot execute {}: {err}", binary.display())
}

/// Wait until the server on `socket` answers again after an upgrade this client asked for.
pub fn await_new_server(socket: &Path) -> Result<i32> {
    let mut stream = UnixStream::connect(socket)
        .with_context(|| format!("the server on {} did not come back", socket.display()))?;
    stream.set_read_timeout(Some(NEW_SERVER_WAIT))?;
    let hello = Hello {
        protocol_version: PROTOCOL_VERSION,
    };
    stream.write_all(&hello.encode())?;
    let mut theirs = [0u8; HELLO_LEN];
    stream
        .read_exact(&mut theirs)
        .context("the upgraded server does not answer")?;
    let theirs = Hello::decode(&theirs)?;
    if theirs.protocol_version != PROTOCOL_VERSION {
        // A server too old to upgrade itself closed the connection without doing it.
        bail!(
            "the server did not upgrade (it speaks protocol {}); `rmux kill-server` ends it \
             and every session",
            theirs.protocol_version
        );
    }
    Ok(0)
}

/// What the attached client left on the terminal when the reattach fails: the shell's
/// screen back, the cursor shown.
fn give_terminal_back() {
    let mut out = std::io::stdout();
    let _ = out.write_all(b"\x1b[?1049l\x1b[?25h\x1b[?2004l");
    let _ = out.flush();
}
