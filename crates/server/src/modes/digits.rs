//! Large digits for display-panes and the clock, five rows tall and five columns wide
//! (the colon one column), drawn with coloured blocks.

const FONT: [[&str; 5]; 10] = [
    ["#####", "#   #", "#   #", "#   #", "#####"],
    ["    #", "    #", "    #", "    #", "    #"],
    ["#####", "    #", "#####", "#    ", "#####"],
    ["#####", "    #", "#####", "    #", "#####"],
    ["#   #", "#   #", "#####", "    #", "    #"],
    ["#####", "#    ", "#####", "    #", "#####"],
    ["#####", "#    ", "#####", "#   #", "#####"],
    ["#####", "    #", "    #", "    #", "    #"],
    ["#####", "#   #", "#####", "#   #", "#####"],
    ["#####", "#   #", "#####", "    #", "#####"],
];

pub const HEIGHT: u16 = 5;
pub const WIDTH: u16 = 5;

const COLON: [&str; 5] = [" ", "#", " ", "#", " "];

/// Columns a character's glyph takes.
pub fn glyph_width(c: char) -> u16 {
    if c == ':' { 1 } else { WIDTH }
}

/// Whether the cell at (`x`, `y`) of `c`'s glyph is filled (digits and `:`).
pub fn glyph_filled(c: char, x: u16, y: u16) -> bool {
    if c == ':' {
        return x == 0 && COLON.get(usize::from(y)).is_some_and(|r| *r == "#");
    }
    c.to_digit(10).is_some_and(|d| filled(d, x, y))
}

/// Whether the cell at (`x`, `y`) of `digit`'s glyph is filled.
pub fn filled(digit: u32, x: u16, y: u16) -> bool {
    let Some(glyph) = usize::try_from(digit).ok().and_then(|d| FONT.get(d)) else {
        return false;
    };
    glyph
        .get(usize::from(y))
        .and_then(|row| row.as_bytes().get(usize::from(x)))
        .is_some_and(|b| *b == b'#')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_glyph_is_five_by_five() {
        for glyph in FONT {
            for row in glyph {
                assert_eq!(row.len(), usize::from(WIDTH));
            }
        }
        assert!(filled(1, 4, 0) && !filled(1, 0, 0));
        assert!(!filled(12, 0, 0));
    }
}
