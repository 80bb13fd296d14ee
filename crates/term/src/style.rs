//! Colours and attributes: the public `Style` a renderer reads, and the packed
//! forms a cell stores.

use std::ops::{BitOr, BitOrAssign};

/// A colour as the program asked for it.
///
/// `Indexed(0..=15)` is used both for `30-37`/`90-97` and for `38;5;n`; the
/// difference only matters to `capture-pane -e`, which the crate handles itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub enum Color {
    #[default]
    Default,
    Indexed(u8),
    Rgb(u8, u8, u8),
}

/// Text attributes other than colour and underline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub struct Attrs(u16);

impl Attrs {
    pub const BOLD: Attrs = Attrs(1);
    pub const DIM: Attrs = Attrs(1 << 1);
    pub const ITALIC: Attrs = Attrs(1 << 2);
    pub const BLINK: Attrs = Attrs(1 << 3);
    pub const REVERSE: Attrs = Attrs(1 << 4);
    pub const HIDDEN: Attrs = Attrs(1 << 5);
    pub const STRIKE: Attrs = Attrs(1 << 6);
    pub const OVERLINE: Attrs = Attrs(1 << 7);

    pub const fn empty() -> Attrs {
        Attrs(0)
    }

    pub const fn bits(self) -> u16 {
        self.0
    }

    /// True when every attribute of `other` is set in `self`.
    pub const fn contains(self, other: Attrs) -> bool {
        self.0 & other.0 == other.0
    }

    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn insert(&mut self, other: Attrs) {
        self.0 |= other.0;
    }

    pub fn remove(&mut self, other: Attrs) {
        self.0 &= !other.0;
    }

    /// Cells keep attributes in one byte: all the defined ones fit.
    pub(crate) const fn to_byte(self) -> u8 {
        (self.0 & 0xff) as u8
    }

    pub(crate) const fn from_byte(b: u8) -> Attrs {
        Attrs(b as u16)
    }
}

impl BitOr for Attrs {
    type Output = Attrs;
    fn bitor(self, rhs: Attrs) -> Attrs {
        Attrs(self.0 | rhs.0)
    }
}

impl BitOrAssign for Attrs {
    fn bitor_assign(&mut self, rhs: Attrs) {
        self.0 |= rhs.0;
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub enum Underline {
    #[default]
    None,
    Single,
    Double,
    Curly,
    Dotted,
    Dashed,
}

impl Underline {
    pub(crate) const fn to_bits(self) -> u8 {
        match self {
            Underline::None => 0,
            Underline::Single => 1,
            Underline::Double => 2,
            Underline::Curly => 3,
            Underline::Dotted => 4,
            Underline::Dashed => 5,
        }
    }

    pub(crate) const fn from_bits(bits: u8) -> Underline {
        match bits & 7 {
            1 => Underline::Single,
            2 => Underline::Double,
            3 => Underline::Curly,
            4 => Underline::Dotted,
            5 => Underline::Dashed,
            _ => Underline::None,
        }
    }
}

/// Everything about how a cell looks, except its character.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub struct Style {
    pub fg: Color,
    pub bg: Color,
    pub underline_color: Color,
    pub attrs: Attrs,
    pub underline: Underline,
}

/// A colour as stored in a cell: one `u32` (kind in the top byte) so cells
/// compare as plain integers. It remembers which SGR form set it because
/// tmux's `capture-pane -e` writes `31` and `38;5;1` differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
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
