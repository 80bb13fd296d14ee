//! A connected client, as the server sees it: a command runner at first, and an attached
//! terminal after `new-session`/`attach-session`.

use std::path::PathBuf;
use std::time::{Instant, SystemTime};

use rmux_proto::{ServerMessage, TerminalInfo, encode_frame};
use rmux_term::Size;

use crate::ids::{ClientId, PaneId, SessionId};
use crate::modes::Mode;
use crate::prompt::Prompt;
use crate::render::View;

/// The widest or tallest terminal a client may have, as in tmux.
const MAX_SIDE: u16 = 10_000;
/// The most cells a client's screen may have: a 4K display in a small font is well under
/// 100,000, and the server keeps two copies of every client's screen.
const MAX_CELLS: u32 = 1_000_000;

/// A client's terminal size as the server uses it: an unknown (zero) side is tmux's
/// 80x24 default, and no side or area past the limits.
pub fn clamp_size(size: rmux_proto::Size) -> rmux_proto::Size {
    let cols = if size.cols == 0 {
        80
    } else {
        size.cols.min(MAX_SIDE)
    };
    let rows = if size.rows == 0 {
        24
    } else {
        size.rows.min(MAX_SIDE)
    };
    let fit = u16::try_from(MAX_CELLS / u32::from(cols)).unwrap_or(MAX_SIDE);
    rmux_proto::Size {
        cols,
        rows: rows.min(fit).max(1),
    }
}

/// A composed status line and the (status generation, width, row, offset of a panned
/// window) it is valid for.
pub type StatusKey = (
    (u64, u16, u16, Option<(bool, u16, u16)>),
    Vec<crate::render::Line>,
);

/// State only an attached client has.
#[derive(Debug)]
pub struct Attached {
    pub session: SessionId,
    pub readonly: bool,
    pub view: View,
    /// The key table the next key is looked up in ("root", "prefix", ...).
    pub key_table: String,
    /// Until when a repeatable binding may be pressed again without the prefix.
    pub repeat_until: Option<Instant>,
    pub prompt: Option<Prompt>,
    /// display-panes or choose-tree, drawn over the window and first to see keys.
    pub mode: Option<Mode>,
    /// A message shown in the status line until the deadline.
    pub message: Option<(String, Instant)>,
    /// The first-run hint, shown in place of status-right until the deadline (the
    /// session and window list stay in sight).
    pub hint: Option<(String, Instant)>,
    /// Something on the client's screen may have changed.
    pub needs_render: bool,
    /// What changed is not a flood's output (a window selected, a pane split, a
    /// resize): the frame goes at once, not at the next frame interval.
    pub urgent: bool,
    /// When the last frame went out, for coalescing under floods.
    pub last_frame: Option<Instant>,
    /// A key went to this pane at this time: its echo is drawn at once, not on the
    /// coalescing timer.
    pub echo_pane: Option<(PaneId, Instant)>,
    /// The pane of `echo_pane` has printed since: render now.
    pub echo_ready: bool,
    /// Mouse and focus reports last asked of the client's terminal.
    pub reports: Option<(bool, bool)>,
    /// What the client's terminal can show, as last told to the client.
    pub features: Option<rmux_proto::TerminalFeatures>,
    /// Rung since the last frame: one bell goes with the next frame, however many rang.
    pub bell: bool,
    /// Set since the last frame: the newest goes with the next frame.
    pub clipboard: Option<Vec<u8>>,
    /// The terminal title last set (`set-titles`).
    pub title: Option<String>,
    /// The status line as last composed, with what it was composed for (status
    /// generation, width, row).
    pub status_cache: std::cell::RefCell<Option<StatusKey>>,
    /// The mouse: a button held, a drag under way, clicks being counted.
    pub mouse: crate::mouse::MouseState,
}

#[cfg(test)]
mod size_tests {
    use super::*;
    use rmux_proto::Size;

    #[test]
    fn sizes_are_clamped_as_tmux_and_to_a_bounded_area() {
        let s = |cols, rows| clamp_size(Size { cols, rows });
        assert_eq!(s(0, 0), Size { cols: 80, rows: 24 });
        assert_eq!(
            s(120, 40),
            Size {
                cols: 120,
                rows: 40
            }
        );
        assert_eq!(
            s(65535, 65535),
            Size {
                cols: 10_000,
                rows: 100
            }
        );
        assert_eq!(s(1, 1), Size { cols: 1, rows: 1 });
        assert_eq!(
            s(1000, 5000),
            Size {
                cols: 1000,
                rows: 1000
            }
        );
    }
}

#[derive(Debug)]
pub struct Client {
    pub id: ClientId,
    out: crate::conn::Outgoing,
    pub terminal: Option<TerminalInfo>,
    pub cwd: PathBuf,
    pub env: Vec<(String, String)>,
    pub created: SystemTime,
    pub activity: SystemTime,
    pub attached: Option<Attached>,
    /// The connection is being closed: send nothing more.
    pub closing: bool,
    /// The user at the other end of the socket.
    pub uid: u32,
    /// The process at the other end of the socket.
    pub peer_pid: u32,
    /// A control-mode client (`-C`): commands by lines, answers and events as text.
    pub control: Option<crate::control::ControlClient>,
    /// Bytes queued to the connection since it opened (less the backlog: written).
    queued: std::cell::Cell<u64>,
}

impl Client {
    pub fn new(id: ClientId, out: crate::conn::Outgoing) -> Client {
        let now = SystemTime::now();
        Client {
            id,
            out,
            terminal: None,
            cwd: PathBuf::from("/"),
            env: Vec::new(),
            created: now,
            activity: now,
            attached: None,
            closing: false,
            uid: rustix::process::getuid().as_raw(),
            peer_pid: 0,
            control: None,
            queued: std::cell::Cell::new(0),
        }
    }

    /// Queue a message for the client; false if the connection is gone.
    pub fn send(&self, msg: &ServerMessage) -> bool {
        if self.closing {
            return false;
        }
        match encode_frame(msg) {
            Ok(bytes) => {
                self.out
                    .backlog
                    .fetch_add(bytes.len(), std::sync::atomic::Ordering::AcqRel);
                self.queued
                    .set(self.queued.get() + u64::try_from(bytes.len()).unwrap_or(u64::MAX));
                self.out.tx.send(bytes).is_ok()
            }
            Err(e) => {
                tracing::warn!(client = self.id.0, "cannot encode message: {e}");
                false
            }
        }
    }

    /// Send a last message and close the connection once it is written. A control
    /// client gets it at the end of the loop's turn, after the `%end` of the command
    /// that made it leave.
    pub fn finish(&mut self, msg: &ServerMessage) {
        if let Some(control) = self.control.as_mut()
            && !self.closing
        {
            control.exit.get_or_insert_with(|| msg.clone());
            return;
        }
        self.finish_now(msg);
    }

    pub fn finish_now(&mut self, msg: &ServerMessage) {
        self.send(msg);
        // An empty buffer tells the writer to close after what is queued.
        let _ = self.out.tx.send(Vec::new());
        self.closing = true;
    }

    /// Bytes queued for the client and not yet written to its socket.
    pub fn backlog(&self) -> usize {
        self.out.backlog.load(std::sync::atomic::Ordering::Acquire)
    }

    /// Bytes queued to the connection since it opened, and how many of them are written.
    pub fn progress(&self) -> (u64, u64) {
        let queued = self.queued.get();
        let waiting = u64::try_from(self.backlog()).unwrap_or(u64::MAX);
        (queued, queued.saturating_sub(waiting))
    }

    /// The size of the client's terminal, if it has one.
    /// A control client has one only once it says (`refresh-client -C`), as in tmux.
    pub fn size(&self) -> Option<Size> {
        self.terminal
            .as_ref()
            .map(|t| Size {
                cols: t.size.cols,
                rows: t.size.rows,
            })
            .or_else(|| self.control.as_ref().and_then(|c| c.size))
    }

    pub fn session(&self) -> Option<SessionId> {
        self.attached.as_ref().map(|a| a.session)
    }

    /// The tty name, as list-clients prints it.
    pub fn tty(&self) -> &str {
        self.terminal.as_ref().map_or("", |t| t.tty.as_str())
    }

    /// The client's name: its terminal, or as tmux names a client without one,
    /// `client-<pid>`.
    pub fn name(&self) -> String {
        match self.tty() {
            "" => format!("client-{}", self.pid()),
            tty => tty.to_string(),
        }
    }

    pub fn pid(&self) -> u32 {
        self.terminal.as_ref().map_or(self.peer_pid, |t| t.pid)
    }
}
