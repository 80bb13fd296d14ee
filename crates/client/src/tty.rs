//! The user's terminal while attached: what we change on entry and put back on exit.

use std::fs::File;
use std::io::{self, BufWriter, Write};

use anyhow::{Context, Result};
use crossterm::{cursor, event, execute, terminal};

/// Output buffer large enough that a typical frame leaves in one write.
const OUTPUT_BUFFER: usize = 256 * 1024;

/// Raw mode, the alternate screen and bracketed paste, undone on drop (also on panic or
/// error), so the shell gets back the terminal it had.
pub struct RawTerminal {
    restored: bool,
    mouse: bool,
    focus: bool,
}

impl RawTerminal {
    pub fn enter() -> Result<RawTerminal> {
        terminal::enable_raw_mode().context("cannot put the terminal in raw mode")?;
        let guard = RawTerminal {
            restored: false,
            mouse: false,
            focus: false,
        };
        execute!(
            io::stdout(),
            terminal::EnterAlternateScreen,
            event::EnableBracketedPaste,
            cursor::Hide,
            terminal::Clear(terminal::ClearType::All)
        )
        .context("cannot set up the terminal")?;
        Ok(guard)
    }

    /// The reports asked for: (mouse, focus).
    pub fn reports(&self) -> (bool, bool) {
        (self.mouse, self.focus)
    }

    /// Ask the terminal for mouse events and focus changes, or stop asking.
    pub fn set_reports(&mut self, mouse: bool, focus: bool) -> io::Result<()> {
        let mut out = io::stdout();
        if mouse != self.mouse {
            if mouse {
                execute!(out, event::EnableMouseCapture)?;
            } else {
                execute!(out, event::DisableMouseCapture)?;
            }
            self.mouse = mouse;
        }
        if focus != self.focus {
            if focus {
                execute!(out, event::EnableFocusChange)?;
            } else {
                execute!(out, event::DisableFocusChange)?;
            }
            self.focus = focus;
        }
        Ok(())
    }

    /// Give the terminal back: leave the alternate screen, show the cursor, undo every mode
    /// we or the panes' programs may have set, leave raw mode.
    pub fn restore(&mut self) {
        if self.restored {
            return;
        }
        self.restored = true;
        let mut out = io::stdout();
        // Reset modes a frame may have turned on, then leave the alternate screen.
        let _ = out.write_all(b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1004l\x1b[0m");
        let _ = execute!(
            out,
            event::DisableBracketedPaste,
            terminal::LeaveAlternateScreen,
            cursor::Show
        );
        let _ = terminal::disable_raw_mode();
        let _ = out.flush();
    }
}

impl RawTerminal {
    /// Leave raw mode but keep the screen as it is, for the client that takes over this
    /// terminal next (after a live upgrade) and draws it whole.
    pub fn hand_over(&mut self) {
        self.restored = true;
        let _ = terminal::disable_raw_mode();
    }
}

impl Drop for RawTerminal {
    fn drop(&mut self) {
        self.restore();
    }
}

/// A buffered writer on our own copy of stdout's descriptor: std's `Stdout` is line
/// buffered, which would split every frame into many writes.
pub fn frame_writer() -> Result<BufWriter<File>> {
    let fd = rustix::io::dup(io::stdout()).context("duplicating stdout")?;
    Ok(BufWriter::with_capacity(OUTPUT_BUFFER, File::from(fd)))
}

/// A descriptor to poll for the user's keys: the one crossterm reads (standard input when
/// it is the terminal, else the process's terminal).
pub fn input_fd() -> Result<std::os::fd::OwnedFd> {
    let stdin = io::stdin();
    if rustix::termios::isatty(&stdin) {
        return rustix::io::dup(&stdin).context("duplicating standard input");
    }
    let tty = File::open("/dev/tty").context("opening the terminal (/dev/tty)")?;
    Ok(tty.into())
}
