//! Colours, the xterm palette they stand for, and how a colour is shown on a terminal
//! that has fewer of them.

/// A colour as a program asked for it.
///
/// `Indexed(0..=15)` stands both for `30-37`/`90-97` and for `38;5;n`: the emulator
/// remembers the difference itself where `capture-pane -e` needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Color {
    #[default]
    Default,
    Indexed(u8),
    Rgb(u8, u8, u8),
}

/// How many colours a terminal can show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ColorDepth {
    /// 8 colours: the bright ones are shown as their base colour (and bold, for text).
    Colors8,
    Colors16,
    #[default]
    Colors256,
    /// 24-bit colour.
    Rgb,
}

impl ColorDepth {
    /// The depth of a terminal with `n` colours (terminfo's `colors`).
    pub fn from_count(n: u32) -> ColorDepth {
        match n {
            0..=15 => ColorDepth::Colors8,
            16..=255 => ColorDepth::Colors16,
            _ => ColorDepth::Colors256,
        }
    }
}

/// The red, green and blue of palette entry `n` in xterm's default palette.
pub const fn xterm_rgb(n: u8) -> (u8, u8, u8) {
    const BASE: [(u8, u8, u8); 16] = [
        (0x00, 0x00, 0x00),
        (0xcd, 0x00, 0x00),
        (0x00, 0xcd, 0x00),
        (0xcd, 0xcd, 0x00),
        (0x00, 0x00, 0xee),
        (0xcd, 0x00, 0xcd),
        (0x00, 0xcd, 0xcd),
        (0xe5, 0xe5, 0xe5),
        (0x7f, 0x7f, 0x7f),
        (0xff, 0x00, 0x00),
        (0x00, 0xff, 0x00),
        (0xff, 0xff, 0x00),
        (0x5c, 0x5c, 0xff),
        (0xff, 0x00, 0xff),
        (0x00, 0xff, 0xff),
        (0xff, 0xff, 0xff),
    ];
    match n {
        0..=15 => BASE[n as usize],
        16..=231 => {
            let i = n - 16;
            (
                CUBE_LEVELS[(i / 36) as usize],
                CUBE_LEVELS[((i / 6) % 6) as usize],
                CUBE_LEVELS[(i % 6) as usize],
            )
        }
        _ => {
            let v = 8 + (n - 232) * 10;
            (v, v, v)
        }
    }
}

/// The six levels of each channel in the 6x6x6 part of the 256-colour palette.
const CUBE_LEVELS: [u8; 6] = [0x00, 0x5f, 0x87, 0xaf, 0xd7, 0xff];

fn distance(a: (u8, u8, u8), b: (u8, u8, u8)) -> u32 {
    let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).unsigned_abs().pow(2);
    d(a.0, b.0) + d(a.1, b.1) + d(a.2, b.2)
}

/// The index of the cube level nearest to `v`.
fn cube_level(v: u8) -> u8 {
    let mut best = 0u8;
    for (i, &level) in CUBE_LEVELS.iter().enumerate() {
        let here = u8::try_from(i).unwrap_or(0);
        if v.abs_diff(level) < v.abs_diff(CUBE_LEVELS[usize::from(best)]) {
            best = here;
        }
    }
    best
}

/// The 256-palette entry (16..=255) nearest to an RGB colour: the nearest point of the
/// colour cube or of the grey ramp, whichever is closer, as tmux chooses.
pub(crate) fn nearest_256(rgb: (u8, u8, u8)) -> u8 {
    let (qr, qg, qb) = (cube_level(rgb.0), cube_level(rgb.1), cube_level(rgb.2));
    let cube = 16 + 36 * qr + 6 * qg + qb;
    let cube_rgb = xterm_rgb(cube);
    if cube_rgb == rgb {
        return cube;
    }
    let average = (u16::from(rgb.0) + u16::from(rgb.1) + u16::from(rgb.2)) / 3;
    // The ramp runs 8, 18, ..., 238 in 24 steps.
    let grey_step = u8::try_from((average.saturating_sub(3) / 10).min(23)).unwrap_or(23);
    let grey = 232 + grey_step;
    if distance(xterm_rgb(grey), rgb) < distance(cube_rgb, rgb) {
        grey
    } else {
        cube
    }
}

/// The entry among the first `count` (8 or 16) nearest to palette entry `n`.
///
/// Greys go by lightness to black, (bright) black, white or bright white: measured by
/// distance a mid grey would be nearer to yellow than to white, which reads worse.
pub(crate) fn nearest_of(n: u8, count: u8) -> u8 {
    if n < count {
        return n;
    }
    let rgb = xterm_rgb(n);
    let (lo, hi) = (rgb.0.min(rgb.1).min(rgb.2), rgb.0.max(rgb.1).max(rgb.2));
    if hi - lo <= 24 {
        let level = (u16::from(rgb.0) + u16::from(rgb.1) + u16::from(rgb.2)) / 3;
        return match (level, count) {
            (0..=122, 8) => 0,
            (_, 8) => 7,
            (0..=62, _) => 0,
            (63..=122, _) => 8,
            (123..=182, _) => 7,
            _ => 15,
        };
    }
    (0..count)
        .min_by_key(|&i| distance(xterm_rgb(i), rgb))
        .unwrap_or(7)
}

impl Color {
    /// The colour as red, green and blue (palette entries as xterm shows them by
    /// default); `None` for the terminal's default colour.
    pub const fn to_rgb(self) -> Option<(u8, u8, u8)> {
        match self {
            Color::Default => None,
            Color::Indexed(n) => Some(xterm_rgb(n)),
            Color::Rgb(r, g, b) => Some((r, g, b)),
        }
    }

    /// The nearest colour a terminal of `depth` can show. On 8 colours a bright entry
    /// (8..=15) becomes its base colour, and text in it is shown bold instead (see
    /// [`crate::Style::for_depth`]); other colours go to the nearest of the eight.
    pub fn for_depth(self, depth: ColorDepth) -> Color {
        let indexed = match (self, depth) {
            (Color::Default, _) | (_, ColorDepth::Rgb) => return self,
            (Color::Rgb(r, g, b), _) => nearest_256((r, g, b)),
            (Color::Indexed(n), _) => n,
        };
        match depth {
            ColorDepth::Rgb | ColorDepth::Colors256 => Color::Indexed(indexed),
            ColorDepth::Colors16 => Color::Indexed(nearest_of(indexed, 16)),
            ColorDepth::Colors8 if (8..16).contains(&indexed) => Color::Indexed(indexed - 8),
            ColorDepth::Colors8 => Color::Indexed(nearest_of(indexed, 8)),
        }
    }

    /// Whether a terminal of `depth` shows this colour as its base colour in bold: one of
    /// the bright entries (8..=15) on an 8-colour terminal.
    pub fn is_bright_at(self, depth: ColorDepth) -> bool {
        depth == ColorDepth::Colors8 && matches!(self, Color::Indexed(8..=15))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cube_and_grey_points_map_to_themselves() {
        for n in 16..=255u8 {
            assert_eq!(nearest_256(xterm_rgb(n)), n, "entry {n}");
        }
    }

    #[test]
    fn rgb_goes_to_the_nearest_cube_or_grey_point() {
        // Values tmux 3.3a chooses for the same colours (colour_find_rgb).
        assert_eq!(nearest_256((255, 128, 0)), 208);
        assert_eq!(nearest_256((10, 20, 200)), 20);
        assert_eq!(nearest_256((128, 128, 128)), 244);
        assert_eq!(nearest_256((250, 250, 250)), 231);
        assert_eq!(nearest_256((1, 2, 3)), 16);
    }

    #[test]
    fn sixteen_colours_keep_the_base_ones_and_find_near_ones() {
        for n in 0..16u8 {
            assert_eq!(nearest_of(n, 16), n);
        }
        assert_eq!(nearest_of(196, 16), 9);
        assert_eq!(nearest_of(244, 16), 7);
        assert_eq!(nearest_of(240, 16), 8);
        assert_eq!(nearest_of(231, 16), 15);
        assert_eq!(nearest_of(16, 16), 0);
    }

    #[test]
    fn eight_colours_show_greys_and_reds_as_tmux_does() {
        // tmux 3.3a on TERM=linux: 38;5;196 -> 31, 38;5;244 -> 37, 48;2;10;20;200 -> 44.
        let at8 = |c: Color| c.for_depth(ColorDepth::Colors8);
        assert_eq!(at8(Color::Indexed(196)), Color::Indexed(1));
        assert_eq!(at8(Color::Indexed(244)), Color::Indexed(7));
        assert_eq!(at8(Color::Rgb(10, 20, 200)), Color::Indexed(4));
        assert!(!Color::Indexed(196).is_bright_at(ColorDepth::Colors8));
    }

    #[test]
    fn depth_decides_the_form() {
        let orange = Color::Rgb(255, 128, 0);
        assert_eq!(orange.for_depth(ColorDepth::Rgb), orange);
        assert_eq!(orange.for_depth(ColorDepth::Colors256), Color::Indexed(208));
        assert_eq!(
            Color::Indexed(9).for_depth(ColorDepth::Colors8),
            Color::Indexed(1)
        );
        assert!(Color::Indexed(9).is_bright_at(ColorDepth::Colors8));
        assert!(!Color::Indexed(9).is_bright_at(ColorDepth::Colors16));
        assert_eq!(
            Color::Default.for_depth(ColorDepth::Colors8),
            Color::Default
        );
    }
}
