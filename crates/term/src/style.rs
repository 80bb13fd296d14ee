//! The packed forms of colours and styles that a cell stores; the public values
//! (`Color`, `Attrs`, `Underline`, `Style`) are rmux-types', shared with the wire and the
//! client.

pub use rmux_types::{Attrs, Color, Style, Underline};

/// A colour as stored in a cell: one `u32` (kind in the top byte) so cells
/// compare as plain integers. It remembers which SGR form set it because
/// tmux's `capture-pane -e` writes `31` and `38;5;1` differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct PackedColor(u32);

/// A [`PackedColor`] taken apart, for matching.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ColorKind {
    Default,
    /// Set by 30-37/90-97 (or 40-47/100-107): 0..=15.
    Ansi(u8),
    /// Set by 38;5;n.
    Palette(u8),
    Rgb(u8, u8, u8),
}

impl PackedColor {
    pub(crate) const DEFAULT: PackedColor = PackedColor(0);

    pub(crate) const fn ansi(n: u8) -> PackedColor {
        PackedColor(1 << 24 | n as u32)
    }

    pub(crate) const fn palette(n: u8) -> PackedColor {
        PackedColor(2 << 24 | n as u32)
    }

    pub(crate) const fn rgb(r: u8, g: u8, b: u8) -> PackedColor {
        PackedColor(3 << 24 | (r as u32) << 16 | (g as u32) << 8 | b as u32)
    }

    pub(crate) const fn kind(self) -> ColorKind {
        let [tag, r, g, b] = self.0.to_be_bytes();
        match tag {
            1 => ColorKind::Ansi(b),
            2 => ColorKind::Palette(b),
            3 => ColorKind::Rgb(r, g, b),
            _ => ColorKind::Default,
        }
    }

    pub(crate) const fn raw(self) -> u32 {
        self.0
    }

    pub(crate) const fn to_bytes(self) -> [u8; 4] {
        self.0.to_be_bytes()
    }

    pub(crate) const fn from_bytes(b: [u8; 4]) -> PackedColor {
        match b {
            [1, _, _, n] => PackedColor::ansi(n),
            [2, _, _, n] => PackedColor::palette(n),
            [3, r, g, b] => PackedColor::rgb(r, g, b),
            _ => PackedColor::DEFAULT,
        }
    }

    pub(crate) const fn to_public(self) -> Color {
        match self.kind() {
            ColorKind::Default => Color::Default,
            ColorKind::Ansi(n) | ColorKind::Palette(n) => Color::Indexed(n),
            ColorKind::Rgb(r, g, b) => Color::Rgb(r, g, b),
        }
    }
}

/// The current drawing state (what SGR and OSC 8 set), copied into each
/// printed cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct Pen {
    pub fg: PackedColor,
    pub bg: PackedColor,
    pub attrs: Attrs,
    pub underline: Underline,
    pub underline_color: PackedColor,
    /// Hyperlink id in the terminal's link table, 0 for none.
    pub link: u32,
}

impl Pen {
    /// Whether cells drawn with this pen need a side-table entry.
    pub(crate) fn needs_extra(&self) -> bool {
        self.underline_color != PackedColor::DEFAULT || self.link != 0
    }
}
