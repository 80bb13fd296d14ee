//! The only place that knows what escape bytes mean. `vte` tokenises; this
//! module matches `(intermediates, final byte)` and calls screen operations
//! with plain names. Anything unknown is logged at debug level and ignored.
//!
//! Text is decoded here, not in `vte`: right after a sequence ends `vte` is
//! known to be in its ground state, so what follows up to the next ESC is
//! ours. Runs of ordinary text go to the screen a line at a time (the hot
//! path), and malformed UTF-8 becomes one U+FFFD per bad sequence, as in
//! tmux, rather than one per byte. The usual escape sequences (CSI with
//! numeric parameters, short ESC sequences) are read by `direct` when they
//! are whole in the buffer; `vte` gets the others, from their ESC.

mod csi;
mod direct;
mod ground;
mod modes;
mod osc;
mod params;
mod replies;
mod sgr;

use crate::Event;
use crate::screen::{Charset, Screen};

/// Parser state that lives between `feed` calls.
#[derive(Default)]
pub(crate) struct Parser {
    vte: vte::Parser,
    /// `vte` is in its ground state: text is ours to decode.
    at_ground: bool,
    utf8: ground::Utf8,
    /// Inside screen's `ESC k name ST` (a window name), which is swallowed.
    in_name_string: bool,
    /// Collecting a DCS this terminal answers (DECRQSS).
    dcs: Option<Vec<u8>>,
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
            at_ground: true,
            ..Parser::default()
        }
    }

    pub(crate) fn feed(&mut self, screen: &mut Screen, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            if self.in_name_string {
                let (n, ended) = ground::skip_string(bytes);
                bytes = bytes.get(n..).unwrap_or(&[]);
                self.in_name_string = !ended;
                continue;
            }
            if self.at_ground {
                let n = ground::run(&mut self.utf8, screen, bytes);
                bytes = bytes.get(n..).unwrap_or(&[]);
                if bytes.is_empty() {
                    return;
                }
            }
            let mut performer = Performer {
                screen,
                done: false,
                name_string: false,
                dcs: &mut self.dcs,
            };
            let n = self.vte.advance_until_terminated(&mut performer, bytes);
            self.at_ground = performer.done;
            self.in_name_string = performer.name_string;
            bytes = bytes.get(n..).unwrap_or(&[]);
        }
    }
}

/// A C0 control.
pub(super) fn execute(screen: &mut Screen, byte: u8) {
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
    /// `ESC k` arrived: a name string follows.
    name_string: bool,
    dcs: &'a mut Option<Vec<u8>>,
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
        csi::dispatch(
            self.screen,
            &params::Params::from_vte(params),
            intermediates,
            action,
        );
    }

    fn esc_dispatch(&mut self, intermediates: &[u8], ignore: bool, byte: u8) {
        self.done = true;
        if ignore {
            return;
        }
        if (intermediates, byte) == (&[][..], b'k') {
            // screen's window-name string: tmux swallows it (and would
            // rename the window); the text must not print.
            self.name_string = true;
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
        if (intermediates, action) == (&[b'$'][..], 'q') {
            *self.dcs = Some(Vec::new());
        } else {
            tracing::debug!(?params, ?intermediates, %action, "DCS ignored");
        }
    }

    fn put(&mut self, byte: u8) {
        if let Some(buf) = self.dcs.as_mut()
            && buf.len() < 32
        {
            buf.push(byte);
        }
    }

    fn unhook(&mut self) {
        if let Some(request) = self.dcs.take() {
            replies::status_string(self.screen, &request);
        }
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
