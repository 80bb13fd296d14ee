//! Paste buffers: text kept by capture-pane and copy mode, pasted with paste-buffer.
//! Automatic buffers are named buffer0, buffer1, ...; the oldest go past buffer-limit.

use std::collections::VecDeque;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PasteBuffer {
    pub name: String,
    pub data: String,
}

impl PasteBuffer {
    /// `name: N bytes: "start of the text"`, as list-buffers shows a buffer.
    pub fn summary(&self) -> String {
        let sample: String = self
            .data
            .chars()
            .take(50)
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        format!("{}: {} bytes: \"{sample}\"", self.name, self.data.len())
    }
}

#[derive(Debug, Default)]
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

    /// Keep `data` as a new automatic buffer.
    pub fn add(&mut self, data: String) {
        let name = format!("buffer{}", self.next);
        self.next += 1;
        self.list.push_front(PasteBuffer { name, data });
        while self.list.len() > self.limit.max(1) {
            self.list.pop_back();
        }
    }

    /// Set a named buffer (replacing one of that name), or add an automatic one.
    pub fn set(&mut self, name: Option<&str>, data: String) {
        match name {
            None => self.add(data),
            Some(n) => {
                self.list.retain(|b| b.name != n);
                self.list.push_front(PasteBuffer {
                    name: n.to_string(),
                    data,
                });
            }
        }
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
}
