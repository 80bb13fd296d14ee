//! Attached mode: the terminal belongs to rmux until the server detaches us.
//!
//! One thread does everything: it waits in one `poll` on the terminal, the server's
//! connection and SIGWINCH, so a key goes out and its echo is drawn without a hand-off
//! between threads, and a read on the connection never wakes a thread that only writes.
//! (Polling without sleeping while an echo is on its way was measured and dropped: on two
//! cores the spinning client took the core the program or the server needed.)

use std::io::{self, Write};
use std::os::fd::{AsFd, BorrowedFd};
use std::os::unix::net::UnixStream;

use anyhow::{Context, Result, bail};
use rmux_proto::{ClientMessage, FrameDecoder, ServerMessage, write_message};
use rustix::event::{PollFd, PollFlags, poll};

use crate::input;
use crate::screen::Screen;
use crate::session::Outcome;
use crate::tty::{self, RawTerminal};

/// Run the attached client on `stream` until the server detaches it or goes away.
pub fn run(stream: UnixStream) -> Result<Outcome> {
    let out = tty::frame_writer()?;
    let mut raw = RawTerminal::enter()?;
    let keyboard = tty::input_fd()?;
    let winch = Winch::register()?;
    let mut conn = Connection::new(stream);
    let mut screen = Screen::new(out);
    // The size the server knows (the attach request carried it).
    let mut size = crossterm::terminal::size().ok();

    let (message, status) = 'attached: loop {
        while let Some(msg) = conn.next_message()? {
            match handle(msg, &mut conn, &mut screen, &mut raw)? {
                Step::Go => {}
                Step::End(message, status) => break 'attached (message, status),
            }
        }
        if conn.closed {
            if crate::session::server_lives(&conn.stream) {
                // A live upgrade: keep what the terminal shows for the client that
                // comes back in this process; only the terminal's modes are put back,
                // so it finds them as a new client does.
                raw.hand_over();
                return Ok(Outcome {
                    status: 0,
                    next: crate::session::Next::Reattach,
                });
            }
            break ("[lost server]".to_string(), 1);
        }

        let ready = wait(keyboard.as_fd(), conn.stream.as_fd(), winch.fd())?;
        if ready.keyboard_gone {
            break ("[lost tty]".to_string(), 1);
        }
        if ready.server {
            conn.read_available();
        }
        let mut out = Vec::new();
        if ready.winch {
            winch.drain();
            // Asked here, not left to crossterm: its own SIGWINCH handler is installed
            // only when it first reads the terminal, so a resize before the first key
            // would go unreported.
            if let Ok((cols, rows)) = crossterm::terminal::size() {
                out.push(ClientMessage::Resize(rmux_proto::Size { cols, rows }));
            }
        }
        if ready.keyboard || ready.winch {
            out.extend(input::pending()?);
        }
        for msg in out {
            if let ClientMessage::Resize(s) = &msg {
                if size == Some((s.cols, s.rows)) {
                    continue;
                }
                size = Some((s.cols, s.rows));
            }
            if !conn.send(&msg) {
                conn.closed = true;
            }
        }
    };
    let _ = screen.release();
    raw.restore();
    if !message.is_empty() {
        let mut stdout = io::stdout();
        let _ = writeln!(stdout, "{message}");
        let _ = stdout.flush();
    }
    Ok(Outcome::exit(status))
}

/// What to do after a message from the server.
enum Step {
    Go,
    /// Leave attached mode, printing the message (if any) with this exit status.
    End(String, i32),
}

fn handle<W: Write>(
    msg: ServerMessage,
    conn: &mut Connection,
    screen: &mut Screen<W>,
    raw: &mut RawTerminal,
) -> Result<Step> {
    match msg {
        ServerMessage::Frame(frame) => {
            screen.show(&frame).context("drawing on the terminal")?;
            conn.send(&ClientMessage::Ack { frame: frame.id });
        }
        ServerMessage::Bell => screen.passthrough(b"\x07")?,
        ServerMessage::Clipboard { data } => screen.passthrough(&osc52(&data))?,
        ServerMessage::Title(title) => {
            let clean: String = title.chars().filter(|c| !c.is_control()).collect();
            screen.passthrough(format!("\x1b]2;{clean}\x07").as_bytes())?;
        }
        ServerMessage::TerminalModes { mouse, focus } => {
            raw.set_reports(mouse, focus)
                .context("setting up the terminal")?;
        }
        ServerMessage::Features(features) => screen.set_features(features),
        ServerMessage::Suspend => {
            suspend(raw)?;
            screen.forget();
            conn.send(&ClientMessage::Redraw);
        }
        ServerMessage::Lock { command } => {
            lock(raw, &command)?;
            screen.forget();
            conn.send(&ClientMessage::Redraw);
        }
        ServerMessage::Detached { message, status } => return Ok(Step::End(message, status)),
        ServerMessage::Exit { status } => return Ok(Step::End(String::new(), status)),
        ServerMessage::Stdout(_) | ServerMessage::Stderr(_) | ServerMessage::Attached { .. } => {}
    }
    Ok(Step::Go)
}

/// Which of the client's descriptors are ready.
struct Ready {
    keyboard: bool,
    /// The terminal hung up (its window closed, the SSH connection dropped).
    keyboard_gone: bool,
    server: bool,
    winch: bool,
}

/// Wait until the terminal, the server or a resize has something.
fn wait(keyboard: BorrowedFd<'_>, server: BorrowedFd<'_>, winch: BorrowedFd<'_>) -> Result<Ready> {
    let mut fds = [
        PollFd::from_borrowed_fd(keyboard, PollFlags::IN),
        PollFd::from_borrowed_fd(server, PollFlags::IN),
        PollFd::from_borrowed_fd(winch, PollFlags::IN),
    ];
    match poll(&mut fds, None) {
        Ok(_) | Err(rustix::io::Errno::INTR) => {}
        Err(e) => bail!("waiting for the terminal and the server: {e}"),
    }
    let ready = |fd: &PollFd<'_>| !fd.revents().is_empty();
    let keyboard = fds[0].revents();
    Ok(Ready {
        keyboard: keyboard.contains(PollFlags::IN),
        keyboard_gone: !keyboard.contains(PollFlags::IN)
            && keyboard.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL),
        server: ready(&fds[1]),
        winch: ready(&fds[2]),
    })
}

/// The connection to the server: messages out with blocking writes, bytes in as they
/// come (never waiting: the poll says when).
struct Connection {
    stream: UnixStream,
    decoder: FrameDecoder,
    buf: Box<[u8]>,
    /// The server closed the connection (or it broke).
    closed: bool,
}

impl Connection {
    fn new(stream: UnixStream) -> Connection {
        Connection {
            stream,
            decoder: FrameDecoder::new(),
            buf: vec![0; 64 * 1024].into_boxed_slice(),
            closed: false,
        }
    }

    /// Take in what the server has sent, without waiting for more.
    fn read_available(&mut self) {
        loop {
            match rustix::net::recv(
                &self.stream,
                &mut self.buf[..],
                rustix::net::RecvFlags::DONTWAIT,
            ) {
                Ok((0, _)) => {
                    self.closed = true;
                    return;
                }
                Ok((n, _)) => self.decoder.push(&self.buf[..n]),
                Err(rustix::io::Errno::INTR) => {}
                Err(rustix::io::Errno::AGAIN) => return,
                Err(_) => {
                    self.closed = true;
                    return;
                }
            }
        }
    }

    fn next_message(&mut self) -> Result<Option<ServerMessage>> {
        self.decoder
            .next_message()
            .context("reading a message from the server")
    }

    fn send(&mut self, msg: &ClientMessage) -> bool {
        write_message(&mut self.stream, msg).is_ok()
    }
}

/// SIGWINCH as a readable descriptor, so a resize wakes the poll (crossterm, which
/// reports the new size, has its own handler too).
struct Winch {
    read: UnixStream,
    id: signal_hook::SigId,
}

impl Winch {
    fn register() -> Result<Winch> {
        let (read, write) = UnixStream::pair().context("making the resize pipe")?;
        read.set_nonblocking(true)
            .context("making the resize pipe")?;
        write
            .set_nonblocking(true)
            .context("making the resize pipe")?;
        let id = signal_hook::low_level::pipe::register(signal_hook::consts::SIGWINCH, write)
            .context("watching for terminal resizes")?;
        Ok(Winch { read, id })
    }

    fn fd(&self) -> BorrowedFd<'_> {
        self.read.as_fd()
    }

    fn drain(&self) {
        let mut buf = [0u8; 64];
        while matches!(io::Read::read(&mut &self.read, &mut buf), Ok(n) if n > 0) {}
    }
}

impl Drop for Winch {
    fn drop(&mut self) {
        signal_hook::low_level::unregister(self.id);
    }
}

/// Give the terminal back and stop, as a shell's C-z does; when continued (`fg`), take the
/// terminal again.
fn suspend(raw: &mut RawTerminal) -> Result<()> {
    let (mouse, focus) = raw.reports();
    raw.restore();
    let me = rustix::process::getpid();
    // Stops here until SIGCONT.
    let _ = rustix::process::kill_process(me, rustix::process::Signal::TSTP);
    *raw = RawTerminal::enter()?;
    raw.set_reports(mouse, focus)
        .context("setting up the terminal")?;
    Ok(())
}

/// Give the terminal to the lock command (as tmux's lock-client does: `lock -np` by
/// default) and take it back when the command exits. Nothing reads the terminal
/// meanwhile: this is the thread that would.
fn lock(raw: &mut RawTerminal, command: &str) -> Result<()> {
    let (mouse, focus) = raw.reports();
    raw.restore();
    let status = std::process::Command::new("/bin/sh")
        .arg("-c")
        .arg(command)
        .status();
    if let Err(e) = status {
        let _ = writeln!(io::stderr(), "lock command failed: {e}");
    }
    *raw = RawTerminal::enter()?;
    raw.set_reports(mouse, focus)
        .context("setting up the terminal")?;
    Ok(())
}

/// OSC 52 for the outer terminal: set the clipboard to `data`.
fn osc52(data: &[u8]) -> Vec<u8> {
    let mut out = b"\x1b]52;c;".to_vec();
    out.extend_from_slice(base64(data).as_bytes());
    out.push(0x07);
    out
}

fn base64(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        for (i, o) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(i.as_bytes()), o);
        }
    }
}
