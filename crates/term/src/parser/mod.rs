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
//!
//! OSC strings (titles, hyperlinks, clipboard) are collected here, not by
//! `vte`, which would buffer an unterminated one whole: past [`MAX_STRING`]
//! a string is dropped, as xterm and tmux drop it. And `vte` never sees a
//! second ESC: a sequence an ESC cuts short is ended first (with CAN, which
//! does what the ESC would), so `vte` can never start a string of its own.

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

/// The longest window name (`ESC k`) kept; the rest is dropped.
const MAX_NAME: usize = 256;

/// The longest OSC string kept; a longer one is dropped whole.
pub(crate) const MAX_STRING: usize = 1024 * 1024;

/// An OSC string being collected.
#[derive(Default)]
struct OscString {
    data: Vec<u8>,
    /// Longer than [`MAX_STRING`]: dropped when it ends.
    overflow: bool,
    /// The last byte was ESC: a `\` ends the string (ST).
    escape: bool,
}

/// Parser state that lives between `feed` calls.
#[derive(Default)]
pub(crate) struct Parser {
    vte: vte::Parser,
    /// `vte` is in its ground state: text is ours to decode.
    at_ground: bool,
    utf8: ground::Utf8,
    /// Inside screen's `ESC k name ST` (a window name): collected, reported when it ends.
    in_name_string: bool,
    name: Vec<u8>,
    /// Collecting a DCS this terminal answers (DECRQSS).
    dcs: Option<Vec<u8>>,
    /// Inside an OSC string.
    osc: Option<OscString>,
    /// An ESC ended the last buffer at ground: what follows decides what it starts.
    pending_esc: bool,
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
        if std::mem::take(&mut self.pending_esc) {
            self.after_escape(screen, &mut bytes);
        }
        while !bytes.is_empty() {
            if self.osc.is_some() {
                let n = self.osc_string(screen, bytes);
                bytes = bytes.get(n..).unwrap_or(&[]);
                continue;
            }
            if self.in_name_string {
                let (n, ended) = ground::skip_string(bytes);
                let text = bytes.get(..n).unwrap_or(&[]);
                let text = text.strip_suffix(b"\x07").unwrap_or(text);
                let room = MAX_NAME.saturating_sub(self.name.len());
                self.name.extend_from_slice(&text[..text.len().min(room)]);
                bytes = bytes.get(n..).unwrap_or(&[]);
                self.in_name_string = !ended;
                if ended {
                    let name =
                        String::from_utf8_lossy(&std::mem::take(&mut self.name)).into_owned();
                    screen.push_event(Event::Name(name));
                }
                continue;
            }
            if self.at_ground {
                let n = ground::run(&mut self.utf8, screen, bytes);
                bytes = bytes.get(n..).unwrap_or(&[]);
                if bytes.is_empty() {
                    return;
                }
                // At an ESC that `direct` did not take.
                match bytes.get(1) {
                    None => {
                        self.pending_esc = true;
                        return;
                    }
                    Some(b']') => {
                        self.osc = Some(OscString::default());
                        bytes = bytes.get(2..).unwrap_or(&[]);
                        continue;
                    }
                    Some(_) => {}
                }
            } else if bytes.first() == Some(&0x1b) {
                // An ESC cuts short what `vte` is in; CAN ends it the same way.
                self.vte_feed(screen, &[0x18]);
                self.at_ground = true;
                continue;
            }
            // `vte` gets at most one ESC, the first byte of a sequence at ground.
            let end = bytes
                .iter()
                .skip(1)
                .position(|&b| b == 0x1b)
                .map_or(bytes.len(), |p| p + 1);
            let n = self.vte_feed(screen, bytes.get(..end).unwrap_or(bytes));
            bytes = bytes.get(n..).unwrap_or(&[]);
        }
    }

    /// Feed `vte`; how much it took.
    fn vte_feed(&mut self, screen: &mut Screen, bytes: &[u8]) -> usize {
        let mut performer = Performer {
            screen,
            done: false,
            name_string: false,
            dcs: &mut self.dcs,
        };
        let n = self.vte.advance_until_terminated(&mut performer, bytes);
        self.at_ground = performer.done;
        self.in_name_string = performer.name_string;
        n
    }

    /// The last buffer ended with an ESC at ground: start what it starts.
    fn after_escape(&mut self, screen: &mut Screen, bytes: &mut &[u8]) {
        match bytes.first() {
            None => self.pending_esc = true,
            Some(b']') => {
                self.osc = Some(OscString::default());
                *bytes = bytes.get(1..).unwrap_or(&[]);
            }
            Some(_) => {
                self.vte_feed(screen, &[0x1b]);
            }
        }
    }

    /// Collect an OSC string; dispatch it when it ends. Returns the bytes consumed.
    fn osc_string(&mut self, screen: &mut Screen, bytes: &[u8]) -> usize {
        let Some(osc) = self.osc.as_mut() else {
            return 0;
        };
        for (i, &b) in bytes.iter().enumerate() {
            if osc.escape {
                // ST ends it; any other ESC sequence ends it too, and then starts.
                let consumed = if b == b'\\' { i + 1 } else { i };
                if b != b'\\' {
                    self.pending_esc = true;
                }
                self.end_osc(screen, false);
                if self.pending_esc {
                    self.pending_esc = false;
                    let mut rest = bytes.get(consumed..).unwrap_or(&[]);
                    let before = rest.len();
                    self.after_escape(screen, &mut rest);
                    return consumed + (before - rest.len());
                }
                return consumed;
            }
            match b {
                0x07 => {
                    self.end_osc(screen, true);
                    return i + 1;
                }
                0x1b => osc.escape = true,
                // CAN and SUB abandon the string.
                0x18 | 0x1a => {
                    self.osc = None;
                    return i + 1;
                }
                0x00..=0x1f => {}
                _ if osc.data.len() < MAX_STRING => osc.data.push(b),
                _ => osc.overflow = true,
            }
        }
        bytes.len()
    }

    fn end_osc(&mut self, screen: &mut Screen, bell: bool) {
        let Some(osc) = self.osc.take() else {
            return;
        };
        if osc.overflow {
            tracing::debug!("OSC string longer than {MAX_STRING} bytes dropped");
            return;
        }
        let params: Vec<&[u8]> = osc.data.split(|&b| b == b';').collect();
        osc::dispatch(screen, &params, bell);
    }
}

/// A C0 control.
pub(super) fn execute(screen: &mut Screen, byte: u8) {
    match byte {
        0x07 => screen.push_event(Event::Bell),
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

#[cfg(test)]
mod string_tests {
    use super::*;
    use crate::Size;

    fn screen() -> Screen {
        Screen::new(Size { cols: 20, rows: 5 }, 100)
    }

    #[test]
    fn an_endless_osc_string_is_kept_to_the_limit_and_then_dropped() {
        let mut s = screen();
        let mut p = Parser::new();
        p.feed(&mut s, b"\x1b]2;");
        let chunk = vec![b'x'; 64 * 1024];
        for _ in 0..40 {
            p.feed(&mut s, &chunk);
        }
        let kept = p.osc.as_ref().map_or(0, |o| o.data.capacity());
        assert!(kept <= 2 * MAX_STRING, "{kept} bytes buffered");
        p.feed(&mut s, b"\x07after");
        assert_eq!(s.title, "", "an overlong title is dropped");
        p.feed(&mut s, b"\x1b]2;short\x1b\\");
        assert_eq!(s.title, "short");
    }

    #[test]
    fn vte_never_starts_a_string_an_escape_interrupts() {
        let mut s = screen();
        let mut p = Parser::new();
        // A CSI cut short by an OSC, across buffers.
        p.feed(&mut s, b"\x1b[1;");
        p.feed(&mut s, b"\x1b]2;title\x07ok");
        assert_eq!(s.title, "title");
        assert!(p.osc.is_none() && p.at_ground);
        // ESC split from its ']'.
        p.feed(&mut s, b"\x1b");
        p.feed(&mut s, b"]2;split\x07");
        assert_eq!(s.title, "split");
        // An OSC ended by another escape sequence.
        p.feed(&mut s, b"\x1b]2;third\x1b[H");
        assert_eq!(s.title, "third");
    }
}
