//! A window: a name, a layout of panes, the active pane, its options and alert flags.

use std::cell::RefCell;
use std::rc::Rc;

use crate::ids::{PaneId, WindowId};
use crate::layout::{BorderCell, Layout, Rect};
use crate::options::OptionStore;

/// Alerts shown in the window list (`#` activity, `!` bell, `~` silence).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Alerts {
    pub activity: bool,
    pub bell: bool,
    pub silence: bool,
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Window {
    pub id: WindowId,
    pub name: String,
    /// Panes in layout order live in `layout`; this is the one keys go to.
    pub active: PaneId,
    pub last_pane: Option<PaneId>,
    pub layout: Layout,
    /// One pane fills the window (`C-b z`).
    pub zoomed: bool,
    pub options: OptionStore,
    pub alerts: Alerts,
    /// The layout before the last select-layout (`select-layout -o` goes back to it).
    pub previous_layout: Option<Layout>,
    /// The preset last applied, for next-layout/previous-layout.
    pub preset: Option<usize>,
    /// When a pane of it last printed (`#{window_activity}`).
    pub activity: std::time::SystemTime,
    /// The size resize-window gave it (window-size manual).
    pub manual_size: Option<(u16, u16)>,
    #[serde(skip)]
    borders: RefCell<BorderCache>,
}

/// A border cell and whether it is drawn in the active colour.
pub type BorderMark = (BorderCell, bool);

/// The borders as last worked out, and what they were worked out for. Finding them
/// walks every cell of the window, too dear to repeat for every frame (every echoed
/// key) when the panes have not moved.
#[derive(Clone, Debug, Default)]
struct BorderCache {
    key: Option<BorderKey>,
    marks: Rc<[BorderMark]>,
}

/// Everything the borders depend on: the window's size, each pane's place in pane
/// order (the two-pane rule looks at the order), and the active pane.
type BorderKey = ((u16, u16), Vec<(u32, Rect)>, PaneId);

impl Window {
    /// A window holding one pane. A window given a name keeps it (automatic-rename off).
    pub fn new(
        id: WindowId,
        name: String,
        named: bool,
        pane: PaneId,
        cols: u16,
        rows: u16,
    ) -> Window {
        let mut options = OptionStore::default();
        if named && let Some(d) = crate::options::find("automatic-rename") {
            options.set(d, "off".to_string());
        }
        Window {
            id,
            name,
            active: pane,
            last_pane: None,
            layout: Layout::new(pane.0, cols, rows),
            zoomed: false,
            manual_size: None,
            activity: std::time::SystemTime::now(),
            options,
            alerts: Alerts::default(),
            previous_layout: None,
            preset: None,
            borders: RefCell::default(),
        }
    }

    /// The border cells between the panes, each with whether it belongs to the active
    /// pane's border.
    pub fn borders(&self) -> Rc<[BorderMark]> {
        let key = (self.layout.size(), self.layout.panes(), self.active);
        let mut cache = self.borders.borrow_mut();
        if cache.key.as_ref() != Some(&key) {
            let marks = self
                .layout
                .borders()
                .into_iter()
                .map(|b| (b, self.layout.border_is_active(&b, self.active.0)))
                .collect();
            *cache = BorderCache {
                key: Some(key),
                marks,
            };
        }
        Rc::clone(&cache.marks)
    }

    pub fn panes(&self) -> Vec<PaneId> {
        self.layout
            .panes()
            .into_iter()
            .map(|(p, _)| PaneId(p))
            .collect()
    }

    pub fn size(&self) -> (u16, u16) {
        self.layout.size()
    }

    /// The whole window, where a zoomed pane goes.
    pub fn full_rect(&self) -> crate::layout::Rect {
        let (width, height) = self.size();
        crate::layout::Rect {
            x: 0,
            y: 0,
            width,
            height,
        }
    }

    /// Index of a pane in layout order (`#{pane_index}` before pane-base-index).
    pub fn pane_position(&self, pane: PaneId) -> Option<usize> {
        self.layout.panes().iter().position(|(p, _)| *p == pane.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{SplitDirection, SplitSize};

    fn window() -> Window {
        Window::new(WindowId(1), "w".into(), false, PaneId(1), 20, 6)
    }

    fn active_cells(w: &Window) -> Vec<(u16, u16)> {
        w.borders()
            .iter()
            .filter(|(_, active)| *active)
            .map(|(b, _)| (b.x, b.y))
            .collect()
    }

    #[test]
    fn borders_follow_splits_resizes_and_the_active_pane() {
        let mut w = window();
        assert!(w.borders().is_empty());
        w.layout
            .split(
                PaneId(1).0,
                2,
                SplitDirection::Horizontal,
                SplitSize::Half,
                false,
                false,
            )
            .unwrap();
        let split = w.borders();
        assert_eq!(split.len(), 6, "one separator column, 6 rows: {split:?}");

        let first_active = active_cells(&w);
        w.active = PaneId(2);
        let second_active = active_cells(&w);
        assert_ne!(
            first_active, second_active,
            "the active half moves with the pane"
        );

        w.layout.resize(30, 6);
        let wider = w.borders();
        assert_ne!(wider, split, "a resized window's separator moves");

        w.layout.remove(2);
        assert!(w.borders().is_empty());
    }
}
