//! A window: a name, a layout of panes, the active pane, its options and alert flags.

use crate::ids::{PaneId, WindowId};
use crate::layout::Layout;
use crate::options::OptionStore;

/// Alerts shown in the window list (`#` activity, `!` bell, `~` silence).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Alerts {
    pub activity: bool,
    pub bell: bool,
    pub silence: bool,
}

#[derive(Debug)]
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
}

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
            options,
            alerts: Alerts::default(),
            previous_layout: None,
            preset: None,
        }
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
