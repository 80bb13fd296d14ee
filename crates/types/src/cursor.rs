//! The cursor's shape (DECSCUSR).

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum CursorShape {
    /// Whatever the user's terminal is set to show.
    #[default]
    Default,
    BlinkingBlock,
    Block,
    BlinkingUnderline,
    Underline,
    BlinkingBar,
    Bar,
}

impl CursorShape {
    /// The shape DECSCUSR `n` asks for.
    pub const fn from_decscusr(n: u16) -> Option<CursorShape> {
        Some(match n {
            0 => CursorShape::Default,
            1 => CursorShape::BlinkingBlock,
            2 => CursorShape::Block,
            3 => CursorShape::BlinkingUnderline,
            4 => CursorShape::Underline,
            5 => CursorShape::BlinkingBar,
            6 => CursorShape::Bar,
            _ => return None,
        })
    }

    /// DECSCUSR's parameter for this shape.
    pub const fn decscusr(self) -> u8 {
        match self {
            CursorShape::Default => 0,
            CursorShape::BlinkingBlock => 1,
            CursorShape::Block => 2,
            CursorShape::BlinkingUnderline => 3,
            CursorShape::Underline => 4,
            CursorShape::BlinkingBar => 5,
            CursorShape::Bar => 6,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decscusr_round_trips() {
        for n in 0..=6 {
            let shape = CursorShape::from_decscusr(n);
            assert_eq!(shape.map(|s| u16::from(s.decscusr())), Some(n));
        }
        assert_eq!(CursorShape::from_decscusr(7), None);
    }
}
