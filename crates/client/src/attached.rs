//! Attached mode: the terminal belongs to rmux until the server detaches us.

use std::io::{self, Write};
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result};
use rmux_proto::{ClientMessage, ServerMessage, read_message, write_message};

use crate::input;
use crate::screen::Screen;
use crate::session::Outcome;
use crate::tty::{self, RawTerminal};

/// Run the attached client on `stream` until the server detaches it or goes away.
pub fn run(mut stream: UnixStream) -> Result<Outcome> {
    let out = tty::frame_writer()?;
    let mut raw = RawTerminal::enter()?;
    let writer = Arc::new(Mutex::new(
        stream
            .try_clone()
            .context("cloning the server connection")?,
    ));
    let input_paused = Arc::new(InputPause::default());
    spawn_input_thread(Arc::clone(&writer), Arc::clone(&input_paused));
    let mut screen = Screen::new(out);

    let (message, status) = loop {
        let msg: Result<Option<ServerMessage>, _> = read_message(&mut stream);
        match msg {
            Ok(Some(ServerMessage::Frame(frame))) => {
                screen.show(&frame).context("drawing on the terminal")?;
                send(&writer, &ClientMessage::Ack { frame: frame.id });
            }
            Ok(Some(ServerMessage::Bell)) => screen.passthrough(b"\x07")?,
            Ok(Some(ServerMessage::Clipboard { data })) => {
                screen.passthrough(&osc52(&data))?;
            }
            Ok(Some(ServerMessage::Title(title))) => {
                let clean: String = title.chars().filter(|c| !c.is_control()).collect();
                screen.passthrough(format!("\x1b]2;{clean}\x07").as_bytes())?;
            }
            Ok(Some(ServerMessage::TerminalModes { mouse, focus })) => {
                raw.set_reports(mouse, focus)
                    .context("setting up the terminal")?;
            }
            Ok(Some(ServerMessage::Features(features))) => screen.set_features(features),
            Ok(Some(ServerMessage::Suspend)) => {
                raw = suspend(raw)?;
                screen.forget();
                send(&writer, &ClientMessage::Redraw);
            }
            Ok(Some(ServerMessage::Lock { command })) => {
                raw = lock(raw, &command, &input_paused)?;
                screen.forget();
                send(&writer, &ClientMessage::Redraw);
            }
            Ok(Some(ServerMessage::Detached { message, status })) => break (message, status),
            Ok(Some(ServerMessage::Exit { status })) => break (String::new(), status),
            Ok(Some(ServerMessage::Stdout(_) | ServerMessage::Stderr(_))) => {}
            Ok(Some(ServerMessage::Attached { .. })) => {}
            Ok(None) | Err(_) if crate::session::server_lives(&stream) => {
                // A live upgrade: keep what the terminal shows for the client that
                // comes back in this process; only the terminal's modes are put back,
                // so it finds them as a new client does.
                raw.hand_over();
                return Ok(Outcome {
                    status: 0,
                    next: crate::session::Next::Reattach,
                });
            }
            Ok(None) | Err(_) => break ("[lost server]".to_string(), 1),
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

/// Give the terminal back and stop, as a shell's C-z does; when continued (`fg`), take the
/// terminal again.
fn suspend(mut raw: RawTerminal) -> Result<RawTerminal> {
    let (mouse, focus) = raw.reports();
    raw.restore();
    drop(raw);
    let me = rustix::process::getpid();
    // Stops here until SIGCONT.
    let _ = rustix::process::kill_process(me, rustix::process::Signal::TSTP);
    let mut raw = RawTerminal::enter()?;
    raw.set_reports(mouse, focus)
        .context("setting up the terminal")?;
    Ok(raw)
}

fn send(writer: &Mutex<UnixStream>, msg: &ClientMessage) -> bool {
    match writer.lock() {
        Ok(mut w) => write_message(&mut *w, msg).is_ok(),
        Err(_) => false,
    }
}

/// Give the terminal to the lock command (as tmux's lock-client does: `lock -np` by
/// default) and take it back when the command exits; keys are left to the command
/// meanwhile.
fn lock(mut raw: RawTerminal, command: &str, input_paused: &InputPause) -> Result<RawTerminal> {
    let (mouse, focus) = raw.reports();
    input_paused.pause();
    raw.restore();
    drop(raw);
    let status = std::process::Command::new("/bin/sh")
        .arg("-c")
        .arg(command)
        .status();
    if let Err(e) = status {
        let _ = writeln!(io::stderr(), "lock command failed: {e}");
    }
    let mut raw = RawTerminal::enter()?;
    raw.set_reports(mouse, focus)
        .context("setting up the terminal")?;
    input_paused.resume();
    Ok(raw)
}

/// Stops the input thread reading the terminal while another program has it.
#[derive(Default)]
struct InputPause {
    wanted: AtomicBool,
    /// The input thread has seen `wanted` and reads nothing.
    idle: AtomicBool,
}

impl InputPause {
    /// Ask the input thread to stop reading, and wait (briefly) until it has: a read
    /// under way would take the keys meant for the other program.
    fn pause(&self) {
        self.wanted.store(true, Ordering::SeqCst);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(1);
        while !self.idle.load(Ordering::SeqCst) && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
    }

    fn resume(&self) {
        self.wanted.store(false, Ordering::SeqCst);
    }
}

/// Terminal events go straight to the server from their own thread, so a key is never
/// held up behind a frame being drawn. While `paused` (a lock command has the terminal)
/// it reads nothing.
fn spawn_input_thread(writer: Arc<Mutex<UnixStream>>, paused: Arc<InputPause>) {
    std::thread::spawn(move || {
        loop {
            if paused.wanted.load(Ordering::SeqCst) {
                paused.idle.store(true, Ordering::SeqCst);
                std::thread::sleep(std::time::Duration::from_millis(20));
                continue;
            }
            paused.idle.store(false, Ordering::SeqCst);
            match crossterm::event::poll(std::time::Duration::from_millis(50)) {
                Ok(false) => continue,
                Ok(true) if paused.wanted.load(Ordering::SeqCst) => continue,
                Ok(true) => {}
                Err(_) => break,
            }
            let Ok(event) = crossterm::event::read() else {
                break;
            };
            if let Some(msg) = input::translate(event)
                && !send(&writer, &msg)
            {
                break;
            }
        }
    });
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
