//! A program in a pseudo-terminal whose output is drained as fast as it comes: counted,
//! and (when asked) fed to an `rmux_term::Terminal` to know what the user would see.
//! A probe armed by the main thread is checked after every read, in the reader thread,
//! and stamped with the time that read returned, so parsing and wake-ups do not count.

use std::io::{Read, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use rmux_term::{Size, Terminal};

/// What the main thread is waiting to see on the screen.
#[derive(Clone, Debug)]
pub enum Probe {
    /// The cell at (`row`, `col`) shows `ch`.
    Cell { row: u16, col: u16, ch: char },
    /// Row `row` has some text (a status line was drawn).
    RowNotBlank { row: u16 },
    /// Row `row` holds `text` somewhere.
    RowHas { row: u16, text: String },
    /// Rows `0..rows.len()` show exactly these texts (trailing blanks trimmed) and row
    /// `status` has some text: a complete frame.
    Frame { rows: Vec<String>, status: u16 },
}

impl Probe {
    fn satisfied(&self, term: &Terminal) -> bool {
        let text = |y: u16| term.row(i64::from(y)).map(|r| r.text()).unwrap_or_default();
        match self {
            Probe::Cell { row, col, ch } => term
                .row(i64::from(*row))
                .is_some_and(|r| r.cell(*col).ch == *ch),
            Probe::RowNotBlank { row } => !text(*row).trim().is_empty(),
            Probe::RowHas { row, text: want } => text(*row).contains(want.as_str()),
            Probe::Frame { rows, status } => {
                !text(*status).trim().is_empty()
                    && rows
                        .iter()
                        .enumerate()
                        .all(|(y, want)| u16::try_from(y).is_ok_and(|y| text(y) == *want))
            }
        }
    }
}

struct Inner {
    term: Terminal,
    parse: bool,
    probe: Option<Probe>,
    hit: Option<Instant>,
    last_read: Option<Instant>,
    eof: bool,
}

struct State {
    inner: Mutex<Inner>,
    cv: Condvar,
    bytes: AtomicU64,
}

impl State {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

type Writer = Arc<Mutex<Box<dyn Write + Send>>>;

pub struct Tty {
    _master: Box<dyn MasterPty + Send>,
    writer: Writer,
    child: Box<dyn Child + Send + Sync>,
    state: Arc<State>,
    /// Just before the program was spawned.
    pub spawned: Instant,
}

impl Tty {
    /// Runs `cmd` in a fresh `cols`x`rows` terminal. With `parse`, output goes through
    /// an emulator (and its replies to queries go back, as a terminal's would); `probe`
    /// is armed before the program starts.
    pub fn spawn(
        cmd: CommandBuilder,
        cols: u16,
        rows: u16,
        parse: bool,
        probe: Option<Probe>,
    ) -> Result<Tty> {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .context("open a pseudo-terminal")?;
        let reader = pair
            .master
            .try_clone_reader()
            .context("read side of the pseudo-terminal")?;
        let writer: Writer = Arc::new(Mutex::new(
            pair.master
                .take_writer()
                .context("write side of the pseudo-terminal")?,
        ));
        let state = Arc::new(State {
            inner: Mutex::new(Inner {
                term: Terminal::new(Size { cols, rows }, 0),
                parse,
                probe,
                hit: None,
                last_read: None,
                eof: false,
            }),
            cv: Condvar::new(),
            bytes: AtomicU64::new(0),
        });
        let spawned = Instant::now();
        let child = pair
            .slave
            .spawn_command(cmd)
            .context("spawn a program in the pseudo-terminal")?;
        drop(pair.slave);
        let (s, w) = (state.clone(), writer.clone());
        std::thread::Builder::new()
            .name("pty-reader".to_string())
            .spawn(move || reader_loop(reader, &s, &w))
            .context("start the reader thread")?;
        Ok(Tty {
            _master: pair.master,
            writer,
            child,
            state,
            spawned,
        })
    }

    /// Bytes the program has written so far.
    pub fn bytes(&self) -> u64 {
        self.state.bytes.load(Ordering::SeqCst)
    }

    /// The terminal's new size, as a window manager gives it: the program gets SIGWINCH
    /// and the emulator that watches it changes size too.
    pub fn resize(&self, cols: u16, rows: u16) -> Result<()> {
        self.state.lock().term.resize(Size { cols, rows });
        self._master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .context("resize the pseudo-terminal")
    }

    pub fn set_parse(&self, on: bool) {
        self.state.lock().parse = on;
    }

    /// Arms a probe (forgetting any earlier hit); it may be satisfied at once.
    pub fn arm(&self, probe: Probe) {
        let mut g = self.state.lock();
        g.hit = None;
        if probe.satisfied(&g.term) {
            g.hit = Some(Instant::now());
            g.probe = None;
        } else {
            g.probe = Some(probe);
        }
    }

    /// Waits for the armed probe; the time of the read that satisfied it.
    pub fn wait_hit(&self, limit: Duration, what: &str) -> Result<Instant> {
        let deadline = Instant::now() + limit;
        let mut g = self.state.lock();
        loop {
            if let Some(t) = g.hit.take() {
                return Ok(t);
            }
            let now = Instant::now();
            if g.eof || now >= deadline {
                g.probe = None;
                let why = if g.eof {
                    "the program exited".to_string()
                } else {
                    format!("timed out after {limit:?}")
                };
                bail!(
                    "{why} waiting for {what}; its screen:\n{}",
                    screen_text(&g.term)
                );
            }
            g = match self.state.cv.wait_timeout(g, deadline - now) {
                Ok((g, _)) => g,
                Err(e) => e.into_inner().0,
            };
        }
    }

    /// Waits until nothing was read for `quiet`.
    pub fn wait_quiet(&self, quiet: Duration, limit: Duration) -> Result<()> {
        let deadline = Instant::now() + limit;
        loop {
            let last = self.state.lock().last_read;
            let now = Instant::now();
            if last.is_none_or(|t| now.duration_since(t) >= quiet) {
                return Ok(());
            }
            if now >= deadline {
                bail!("the terminal never went quiet for {quiet:?} within {limit:?}");
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Writes bytes as typed keys.
    pub fn send(&self, bytes: &[u8]) -> Result<()> {
        let mut w = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        w.write_all(bytes).context("write to the pseudo-terminal")?;
        w.flush().context("flush the pseudo-terminal")
    }

    /// Waits for the program to exit.
    pub fn wait_exit(&mut self, limit: Duration) -> Result<()> {
        let deadline = Instant::now() + limit;
        loop {
            if self
                .child
                .try_wait()
                .context("wait for the program in the terminal")?
                .is_some()
            {
                return Ok(());
            }
            if Instant::now() >= deadline {
                bail!("the program in the terminal did not exit within {limit:?}");
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    /// Stops the program: SIGHUP (a closed terminal), then SIGKILL by pid.
    pub fn close(&mut self) {
        if let Ok(Some(_)) = self.child.try_wait() {
            return;
        }
        let _ = self.child.kill();
        if self.wait_exit(Duration::from_secs(3)).is_err() {
            if let Some(pid) = self.child.process_id() {
                crate::procfs::stop(pid, Duration::from_millis(200));
            }
            let _ = self.wait_exit(Duration::from_secs(2));
        }
    }
}

impl Drop for Tty {
    fn drop(&mut self) {
        self.close();
    }
}

fn screen_text(term: &Terminal) -> String {
    (0..term.size().rows)
        .map(|y| term.row(i64::from(y)).map(|r| r.text()).unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

fn reader_loop(mut reader: Box<dyn Read + Send>, state: &State, writer: &Writer) {
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let t = Instant::now();
        state.bytes.fetch_add(n as u64, Ordering::SeqCst);
        let mut replies = Vec::new();
        {
            let mut g = state.lock();
            g.last_read = Some(t);
            if g.parse {
                g.term.feed(&buf[..n]);
                replies = g.term.take_replies();
            }
            if g.probe.as_ref().is_some_and(|p| p.satisfied(&g.term)) {
                g.probe = None;
                g.hit = Some(t);
                state.cv.notify_all();
            }
        }
        if !replies.is_empty() {
            let mut w = writer.lock().unwrap_or_else(PoisonError::into_inner);
            let _ = w.write_all(&replies);
            let _ = w.flush();
        }
    }
    state.lock().eof = true;
    state.cv.notify_all();
}
