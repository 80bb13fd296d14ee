//! What the server keeps for a control-mode client (tmux's `-C`), and the text of the
//! protocol: command blocks, `%output` escaping.

use std::collections::HashMap;

use rmux_term::Size;

use crate::ids::PaneId;

#[derive(Debug, Default)]
pub struct ControlClient {
    /// The size given with `refresh-client -C`; until then the client sizes nothing.
    pub size: Option<Size>,
    /// `refresh-client -f no-output`: no `%output` at all.
    pub no_output: bool,
    /// `refresh-client -f pause-after=N` (seconds): a pane whose output has waited that
    /// long to be written to the client is paused (`%pause`) until `-A %N:continue`,
    /// and output comes as `%extended-output`.
    pub pause_after: Option<u32>,
    /// With pause-after: each `%output` queued and not yet known written (where it
    /// ends in the connection's bytes, when it was queued, its pane).
    pub unwritten: std::collections::VecDeque<(u64, std::time::Instant, PaneId)>,
    /// `refresh-client -f wait-exit`.
    pub wait_exit: bool,
    /// Panes whose output this client turned off (`refresh-client -A %N:off`).
    pub off: std::collections::HashSet<PaneId>,
    /// Panes paused with `refresh-client -A %N:pause` (their output is off too).
    pub paused: std::collections::HashSet<PaneId>,
    /// The end of a pane's last output when it stopped inside a UTF-8 character.
    pub partial: HashMap<PaneId, Vec<u8>>,
    /// A command of the client failed: it exits with status 1.
    pub failed: bool,
    /// How the client was told to leave: sent after the block that told it ends.
    pub exit: Option<rmux_proto::ServerMessage>,
}

impl ControlClient {
    /// The flags list-clients shows after `control-mode`, in tmux's order.
    pub fn flag_names(&self) -> Vec<String> {
        let mut names = Vec::new();
        if self.no_output {
            names.push("no-output".to_string());
        }
        if self.wait_exit {
            names.push("wait-exit".to_string());
        }
        if let Some(n) = self.pause_after {
            names.push(format!("pause-after={n}"));
        }
        names
    }

    /// `refresh-client -f`: a comma list of flags, `!` clearing one; unknown names are
    /// ignored, as tmux ignores them. The flags that are not control-only (read-only,
    /// ignore-size, active-pane) are the caller's.
    pub fn set_flags(&mut self, list: &str) {
        for flag in list.split(',') {
            let (on, name) = match flag.strip_prefix('!') {
                Some(n) => (false, n),
                None => (true, flag),
            };
            match name.split_once('=') {
                Some(("pause-after", n)) => {
                    self.pause_after = on.then(|| n.parse().unwrap_or(0));
                }
                None if name == "pause-after" => self.pause_after = on.then_some(0),
                None if name == "no-output" => self.no_output = on,
                None if name == "wait-exit" => self.wait_exit = on,
                _ => {}
            }
        }
    }

    /// The text of `bytes` of `pane`'s output for `%output`: bytes below a space and the
    /// backslash as three octal digits, the rest as they are, as tmux writes them. A
    /// UTF-8 character cut at the end waits for the rest.
    pub fn escape_output(&mut self, pane: PaneId, bytes: &[u8]) -> String {
        let mut data = self.partial.remove(&pane).unwrap_or_default();
        data.extend_from_slice(bytes);
        let keep = incomplete_tail(&data);
        if keep > 0 {
            let tail = data.split_off(data.len() - keep);
            self.partial.insert(pane, tail);
        }
        escape(&data)
    }
}

/// Bytes at the end of `data` that start a UTF-8 character not finished yet.
fn incomplete_tail(data: &[u8]) -> usize {
    for back in 1..=3.min(data.len()) {
        let b = data[data.len() - back];
        if b & 0xC0 == 0x80 {
            continue;
        }
        let need = match b {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => return 0,
        };
        return if need > back { back } else { 0 };
    }
    0
}

pub fn escape(data: &[u8]) -> String {
    let mut out = Vec::with_capacity(data.len() + 16);
    for &b in data {
        if b < b' ' || b == b'\\' {
            out.extend_from_slice(&[
                b'\\',
                b'0' + (b >> 6),
                b'0' + ((b >> 3) & 7),
                b'0' + (b & 7),
            ]);
        } else {
            out.push(b);
        }
    }
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// `%begin`/`%end`/`%error` lines: the guard, the time in seconds, the command's number,
/// and 1 for a command the client typed (0 for its command line and hooks).
pub fn guard(kind: &str, time: u64, number: u64, flags: u8) -> String {
    format!("%{kind} {time} {number} {flags}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_is_escaped_as_tmux_escapes_it() {
        let mut c = ControlClient::default();
        let text = c.escape_output(PaneId(0), b"A\tB\\C\x7fD\x1b[1mE\xc3\xa9F\x01G~\r\n");
        assert_eq!(text, "A\\011B\\134C\x7fD\\033[1mE\u{e9}F\\001G~\\015\\012");
    }

    #[test]
    fn a_character_cut_in_two_waits_for_its_end() {
        let mut c = ControlClient::default();
        assert_eq!(c.escape_output(PaneId(1), b"x\xe2\x82"), "x");
        assert_eq!(c.escape_output(PaneId(1), b"\xacy"), "\u{20ac}y");
    }

    #[test]
    fn flags_are_set_and_cleared() {
        let mut c = ControlClient::default();
        c.set_flags("pause-after=2,no-output,wait-exit,bogus");
        assert_eq!(c.flag_names(), ["no-output", "wait-exit", "pause-after=2"]);
        c.set_flags("!no-output,!pause-after");
        assert_eq!(c.flag_names(), ["wait-exit"]);
    }
}
