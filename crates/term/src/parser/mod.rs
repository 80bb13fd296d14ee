//! The only place that knows what escape bytes mean. `vte` tokenises; this
//! module matches `(intermediates, final byte)` and calls screen operations
//! with plain names. Anything unknown is logged at debug level and ignored.
//!
//! Fast path: right after a sequence ends, `vte` is known to be in its
//! ground state, so a run of printable ASCII that follows is handed to the
//! screen in one call instead of one `print` per character. The result is
//! the same as going through `vte`; it is just cheaper.

mod csi;
mod modes;
mod osc;
mod replies;
mod sgr;

use crate::Event;
use crate::screen::{Charset, Screen};

/// Parser state that lives between `feed` calls.
#[derive(Default)]
pub(crate) struct Parser {
    vte: vte::Parser,
    /// `vte` is in its ground state with no partial UTF-8 pending.
    at_ground: bool,
}

impl std::fmt::Debug for Parser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Parser")
            .field("at_ground", &self.at_ground)
            .finish_non_exhaustive()
    }
}

impl Parser {
    pub(crate) fn new() -> Parser {
        Parser {
            vte: vte::Parser::new(),
            at_ground: true,
        }
    }

    pub(crate) fn feed(&mut self, screen: &mut Screen, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            if self.at_ground {
                let n = ground_run(screen, bytes);
                bytes = bytes.get(n..).unwrap_or(&[]);
                if bytes.is_empty() {
                    return;
                }
            }
            let mut performer = Performer {
                screen,
                done: false,
            };
            let n = self.vte.advance_until_terminated(&mut performer, bytes);
            self.at_ground = performer.done;
            bytes = bytes.get(n..).unwrap_or(&[]);
        }
    }
}

/// Handles printable ASCII and simple C0 controls while `vte` is in ground
/// state. Returns how many bytes were consumed; it stops at ESC or any
/// non-ASCII byte, which `vte` then takes.
fn ground_run(screen: &mut Screen, bytes: &[u8]) -> usize {
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            0x20..=0x7e => {
                let run = bytes
                    .get(i..)
                    .unwrap_or(&[])
                    .iter()
                    .position(|&c| !(0x20..=0x7e).contains(&c))
                    .unwrap_or(bytes.len() - i);
                screen.print_ascii(bytes.get(i..i + run).unwrap_or(&[]));
                i += run;
            }
            0x1b | 0x7f.. => return i,
            _ => {
                execute(screen, b);
                i += 1;
            }
        }
    }
    i
}

/// A C0 control.
fn execute(screen: &mut Screen, byte: u8) {
    match byte {
        0x07 => screen.events.push(Event::Bell),
        0x08 => screen.backspace(),
        0x09 => screen.tab(1),
        0x0a..=0x0c => screen.linefeed(),
        0x0d => screen.carriage_return(),
        0x0e => screen.cur.charsets.shifted = true,
        0x0f => screen.cur.charsets.shifted = false,
        _ => tracing::debug!(byte, "control ignored"),
    }
}

struct Performer<'a> {
    screen: &'a mut Screen,
    /// A sequence just ended: vte is back in ground state, stop and let the
    /// fast path look at what follows.
    done: bool,
}

impl vte::Perform for Performer<'_> {
    fn print(&mut self, c: char) {
        self.screen.print(c);
    }

    fn execute(&mut self, byte: u8) {
        execute(self.screen, byte);
    }

    fn csi_dispatch(
        &mut self,
        params: &vte::Params,
        intermediates: &[u8],
        ignore: bool,
        action: char,
    ) {
        self.done = true;
        if ignore {
            tracing::debug!(?params, "CSI with too many parameters ignored");
            return;
        }
        csi::dispatch(self.screen, params, intermediates, action);
    }

    fn esc_dispatch(&mut self, intermediates: &[u8], ignore: bool, byte: u8) {
        self.done = true;
        if ignore {
            return;
        }
        esc_dispatch(self.screen, intermediates, byte);
    }

    fn osc_dispatch(&mut self, params: &[&[u8]], bell_terminated: bool) {
        // Ended by ESC \: vte is in its escape state until the `\`, whose
        // esc_dispatch sets `done`.
        self.done = bell_terminated;
        osc::dispatch(self.screen, params, bell_terminated);
    }

    fn hook(&mut self, params: &vte::Params, intermediates: &[u8], _ignore: bool, action: char) {
        tracing::debug!(?params, ?intermediates, %action, "DCS ignored");
    }

    fn terminated(&self) -> bool {
        self.done
    }
}

fn esc_dispatch(screen: &mut Screen, intermediates: &[u8], byte: u8) {
    match (intermediates, byte) {
        ([], b'7') => screen.save_cursor(),
        ([], b'8') => screen.restore_cursor(),
        ([], b'D') => screen.index(),
        ([], b'E') => screen.next_line(),
        ([], b'H') => screen.set_tab_stop(),
        ([], b'M') => screen.reverse_index(),
        ([], b'c') => screen.full_reset(),
        ([], b'=') => set_keypad(screen, true),
        ([], b'>') => set_keypad(screen, false),
        ([], b'\\') => {}
        ([b'#'], b'8') => screen.alignment_test(),
        ([b'('], c) => designate(screen, false, c),
        ([b')'], c) => designate(screen, true, c),
        _ => tracing::debug!(?intermediates, byte, "ESC sequence ignored"),
    }
}

fn set_keypad(screen: &mut Screen, app: bool) {
    screen.modes.app_keypad = app;
    screen.touch();
}

fn designate(screen: &mut Screen, g1: bool, c: u8) {
    let set = match c {
        b'0' => Charset::DecGraphics,
        b'A' => Charset::Uk,
        b'B' => Charset::Ascii,
        _ => {
            tracing::debug!(c, "character set ignored");
            return;
        }
    };
    if g1 {
        screen.cur.charsets.g1 = set;
    } else {
        screen.cur.charsets.g0 = set;
    }
}
