//! Hyperlinks (OSC 8) interned once per terminal; cells refer to them by id.

use std::collections::HashMap;

/// More distinct links than this in one pane are not recorded (the text
/// still prints): a program emitting endless unique URLs cannot grow memory
/// without bound.
const MAX_LINKS: usize = 1 << 16;

#[derive(Clone, Debug, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct Links {
    uris: Vec<Box<str>>,
    ids: HashMap<Box<str>, u32>,
}

impl Links {
    /// The id for `uri` (0 when the table is full or the uri empty).
    pub(crate) fn intern(&mut self, uri: &str) -> u32 {
        if uri.is_empty() {
            return 0;
        }
        if let Some(&id) = self.ids.get(uri) {
            return id;
        }
        if self.uris.len() >= MAX_LINKS {
            tracing::debug!("hyperlink table full, link dropped");
            return 0;
        }
        self.uris.push(uri.into());
        let id = self.uris.len() as u32;
        self.ids.insert(uri.into(), id);
        id
    }

    pub(crate) fn get(&self, id: u32) -> Option<&str> {
        if id == 0 {
            return None;
        }
        self.uris.get(id as usize - 1).map(|s| &**s)
    }
}
