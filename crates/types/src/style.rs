//! How a cell looks: colours, attributes and the underline.

use std::ops::{BitOr, BitOrAssign};

use crate::color::{Color, ColorDepth};

/// Text attributes other than colour and underline, as bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Attrs(u8);

impl Attrs {
    pub const BOLD: Attrs = Attrs(1);
    pub const DIM: Attrs = Attrs(1 << 1);
    pub const ITALIC: Attrs = Attrs(1 << 2);
    pub const BLINK: Attrs = Attrs(1 << 3);
    pub const REVERSE: Attrs = Attrs(1 << 4);
    pub const HIDDEN: Attrs = Attrs(1 << 5);
    pub const STRIKE: Attrs = Attrs(1 << 6);
    pub const OVERLINE: Attrs = Attrs(1 << 7);

    /// Every attribute with its SGR parameter, in the order terminals are told them.
    pub const ALL: [(Attrs, u8); 8] = [
        (Attrs::BOLD, 1),
        (Attrs::DIM, 2),
        (Attrs::ITALIC, 3),
        (Attrs::BLINK, 5),
        (Attrs::REVERSE, 7),
        (Attrs::HIDDEN, 8),
        (Attrs::STRIKE, 9),
        (Attrs::OVERLINE, 53),
    ];

    pub const fn empty() -> Attrs {
        Attrs(0)
    }

    /// The bits, for compact storage.
    pub const fn bits(self) -> u8 {
        self.0
    }

    pub const fn from_bits(bits: u8) -> Attrs {
        Attrs(bits)
    }

    /// True when every attribute of `other` is set in `self`.
    pub const fn contains(self, other: Attrs) -> bool {
        self.0 & other.0 == other.0
    }

    /// True when any attribute of `other` is set in `self`.
    pub const fn intersects(self, other: Attrs) -> bool {
        self.0 & other.0 != 0
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

    /// The attributes of `self` that `other` lacks.
    pub const fn difference(self, other: Attrs) -> Attrs {
        Attrs(self.0 & !other.0)
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

/// The underline and its style (`4`, `4:2` … `4:5`, `21`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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
    /// The `4:n` sub-parameter (0 for none).
    pub const fn to_bits(self) -> u8 {
        match self {
            Underline::None => 0,
            Underline::Single => 1,
            Underline::Double => 2,
            Underline::Curly => 3,
            Underline::Dotted => 4,
            Underline::Dashed => 5,
        }
    }

    /// The underline of a `4:n` sub-parameter; unknown styles read as none.
    pub const fn from_bits(bits: u8) -> Underline {
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Style {
    pub fg: Color,
    pub bg: Color,
    pub underline_color: Color,
    pub attrs: Attrs,
    pub underline: Underline,
}

impl Style {
    /// The style as a terminal of `depth` shows it: colours brought down to what it has
    /// and, on 8 colours, a bright text colour shown as bold (as tmux does).
    pub fn for_depth(self, depth: ColorDepth) -> Style {
        let mut out = Style {
            fg: self.fg.for_depth(depth),
            bg: self.bg.for_depth(depth),
            ..self
        };
        if self.fg.is_bright_at(depth) {
            out.attrs.insert(Attrs::BOLD);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn underline_bits_round_trip() {
        for u in [
            Underline::None,
            Underline::Single,
            Underline::Double,
            Underline::Curly,
            Underline::Dotted,
            Underline::Dashed,
        ] {
            assert_eq!(Underline::from_bits(u.to_bits()), u);
        }
    }

    #[test]
    fn bright_text_on_eight_colours_is_bold() {
        let s = Style {
            fg: Color::Indexed(9),
            bg: Color::Indexed(12),
            ..Style::default()
        };
        let shown = s.for_depth(ColorDepth::Colors8);
        assert_eq!(shown.fg, Color::Indexed(1));
        assert_eq!(shown.bg, Color::Indexed(4));
        assert!(shown.attrs.contains(Attrs::BOLD));
        assert_eq!(s.for_depth(ColorDepth::Colors256), s);
    }
}
