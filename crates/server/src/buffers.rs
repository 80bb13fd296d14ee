//! Paste buffers: text kept by capture-pane and copy mode, pasted with paste-buffer.
//! Automatic buffers are named buffer0, buffer1, ...; the oldest go past buffer-limit.

use std::collections::VecDeque;
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PasteBuffer {
    pub name: String,
    pub data: String,
    /// Named by rmux (buffer0, ...) rather than by the user; only these count against
    /// buffer-limit.
    pub automatic: bool,
    pub created: SystemTime,
}

/// How much of a buffer `#{buffer_sample}` shows, in bytes, as in tmux.
const SAMPLE_WIDTH: usize = 200;

impl PasteBuffer {
    fn new(name: String, data: String, automatic: bool) -> PasteBuffer {
        PasteBuffer {
            name,
            data,
            automatic,
            created: SystemTime::now(),
        }
    }

    /// The start of the text with control characters made visible (`\n`, `\033`), as
    /// `#{buffer_sample}` shows it: at most 200 bytes of text, `...` when there is more.
    pub fn sample(&self) -> String {
        let mut end = self.data.len().min(SAMPLE_WIDTH);
        while !self.data.is_char_boundary(end) {
            end -= 1;
        }
        let mut out = String::new();
        for c in self.data[..end].chars() {
            match c {
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                '\x07' => out.push_str("\\a"),
                '\x08' => out.push_str("\\b"),
                '\x0b' => out.push_str("\\v"),
                '\x0c' => out.push_str("\\f"),
                '\\' => out.push_str("\\\\"),
                c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                    out.push_str(&format!("\\{:03o}", c as u32));
                }
                c => out.push(c),
            }
        }
        if self.data.len() > SAMPLE_WIDTH || out.len() > SAMPLE_WIDTH {
            let mut cut = out.len().min(SAMPLE_WIDTH);
            while !out.is_char_boundary(cut) {
                cut -= 1;
            }
            out.truncate(cut);
            out.push_str("...");
        }
        out
    }

    /// Seconds since the epoch at creation, for `#{buffer_created}`.
    pub fn created_epoch(&self) -> u64 {
        self.created
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0)
    }
}

#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Buffers {
    /// Most recent first.
    list: VecDeque<PasteBuffer>,
    next: u32,
    pub limit: usize,
}

impl Buffers {
    pub fn new(limit: usize) -> Buffers {
        Buffers {
            list: VecDeque::new(),
            next: 0,
            limit,
        }
    }

    /// Keep `data` as a new automatic buffer; the oldest automatic ones go past
    /// buffer-limit (named buffers stay, as in tmux).
    pub fn add(&mut self, data: String) {
        let limit = self.limit.max(1);
        while self.list.iter().filter(|b| b.automatic).count() >= limit {
            match self.list.iter().rposition(|b| b.automatic) {
                Some(i) => {
                    self.list.remove(i);
                }
                None => break,
            }
        }
        let name = format!("buffer{}", self.next);
        self.next += 1;
        self.list.push_front(PasteBuffer::new(name, data, true));
    }

    /// Set a named buffer (replacing one of that name), or add an automatic one.
    pub fn set(&mut self, name: Option<&str>, data: String) {
        match name {
            None => self.add(data),
            Some(n) => {
                self.list.retain(|b| b.name != n);
                self.list
                    .push_front(PasteBuffer::new(n.to_string(), data, false));
            }
        }
    }

    /// Give a buffer a new name (it is the user's from then on); false if there is no
    /// such buffer.
    pub fn rename(&mut self, name: Option<&str>, new: &str) -> bool {
        let Some(source) = self.find(name).map(|b| b.name.clone()) else {
            return false;
        };
        self.list.retain(|b| b.name != new || b.name == source);
        if let Some(b) = self.list.iter_mut().find(|b| b.name == source) {
            b.name = new.to_string();
            b.automatic = false;
        }
        true
    }

    pub fn delete(&mut self, name: Option<&str>) -> bool {
        match name {
            None => self.list.pop_front().is_some(),
            Some(n) => {
                let before = self.list.len();
                self.list.retain(|b| b.name != n);
                self.list.len() != before
            }
        }
    }

    /// The named buffer, or the most recent one.
    pub fn find(&self, name: Option<&str>) -> Option<&PasteBuffer> {
        match name {
            Some(n) => self.get(n),
            None => self.newest(),
        }
    }

    pub fn newest(&self) -> Option<&PasteBuffer> {
        self.list.front()
    }

    pub fn get(&self, name: &str) -> Option<&PasteBuffer> {
        self.list.iter().find(|b| b.name == name)
    }

    pub fn iter(&self) -> impl Iterator<Item = &PasteBuffer> {
        self.list.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oldest_buffers_go_past_the_limit() {
        let mut b = Buffers::new(2);
        b.add("a".into());
        b.add("b".into());
        b.add("c".into());
        assert_eq!(b.newest().unwrap().data, "c");
        assert_eq!(b.iter().count(), 2);
        assert!(b.get("buffer0").is_none());
        assert_eq!(b.get("buffer1").unwrap().data, "b");
    }

    #[test]
    fn named_buffers_do_not_count_against_the_limit() {
        let mut b = Buffers::new(1);
        b.set(Some("mine"), "kept".into());
        b.add("a".into());
        b.add("b".into());
        assert_eq!(b.get("mine").unwrap().data, "kept");
        assert!(b.get("buffer0").is_none());
        assert!(b.rename(Some("buffer1"), "renamed"));
        b.add("c".into());
        assert_eq!(b.iter().count(), 3);
    }

    #[test]
    fn samples_show_control_characters_as_tmux_does() {
        let b = PasteBuffer::new("x".into(), "a\tb\nc\x1b[1m\\é".into(), false);
        assert_eq!(b.sample(), "a\\tb\\nc\\033[1m\\\\é");
        let long = PasteBuffer::new("y".into(), "z".repeat(300), false);
        assert_eq!(long.sample(), format!("{}...", "z".repeat(200)));
        let escaped = PasteBuffer::new("w".into(), "\n".repeat(150), false);
        assert_eq!(escaped.sample(), format!("{}...", "\\n".repeat(100)));
    }
}
