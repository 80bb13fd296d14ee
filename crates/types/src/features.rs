//! What the user's terminal can show, in tmux's words (`terminal-features`), and what a
//! style becomes on it.

use crate::color::ColorDepth;
use crate::style::{Attrs, Style, Underline};

/// A terminal ability, as tmux names it in `terminal-features` and
/// `#{client_termfeatures}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Feature {
    /// 256 colours.
    Colors256,
    Bpaste,
    /// The cursor's colour can be set (OSC 12).
    Ccolour,
    Clipboard,
    /// The cursor's shape can be set (DECSCUSR).
    Cstyle,
    Extkeys,
    Focus,
    /// OSC 8 hyperlinks.
    Hyperlinks,
    Margins,
    Mouse,
    Osc7,
    Overline,
    Rectfill,
    /// 24-bit colour.
    Rgb,
    Strikethrough,
    Sync,
    Title,
    /// Underline styles and colour (`4:3`, `58`).
    Usstyle,
}

impl Feature {
    /// Every feature, in the order tmux lists them.
    pub const ALL: [Feature; 18] = [
        Feature::Colors256,
        Feature::Bpaste,
        Feature::Ccolour,
        Feature::Clipboard,
        Feature::Cstyle,
        Feature::Extkeys,
        Feature::Focus,
        Feature::Hyperlinks,
        Feature::Margins,
        Feature::Mouse,
        Feature::Osc7,
        Feature::Overline,
        Feature::Rectfill,
        Feature::Rgb,
        Feature::Strikethrough,
        Feature::Sync,
        Feature::Title,
        Feature::Usstyle,
    ];

    pub const fn name(self) -> &'static str {
        match self {
            Feature::Colors256 => "256",
            Feature::Bpaste => "bpaste",
            Feature::Ccolour => "ccolour",
            Feature::Clipboard => "clipboard",
            Feature::Cstyle => "cstyle",
            Feature::Extkeys => "extkeys",
            Feature::Focus => "focus",
            Feature::Hyperlinks => "hyperlinks",
            Feature::Margins => "margins",
            Feature::Mouse => "mouse",
            Feature::Osc7 => "osc7",
            Feature::Overline => "overline",
            Feature::Rectfill => "rectfill",
            Feature::Rgb => "RGB",
            Feature::Strikethrough => "strikethrough",
            Feature::Sync => "sync",
            Feature::Title => "title",
            Feature::Usstyle => "usstyle",
        }
    }

    /// The feature called `name` (any case, as tmux reads them).
    pub fn from_name(name: &str) -> Option<Feature> {
        Feature::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
    }

    const fn bit(self) -> u32 {
        1 << self as u32
    }
}

/// What one terminal can show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TerminalFeatures {
    features: u32,
    /// Colours the terminal has without the 256/RGB features (terminfo's `colors`).
    colors: u16,
}

impl Default for TerminalFeatures {
    /// A plain 8-colour terminal that knows nothing else.
    fn default() -> TerminalFeatures {
        TerminalFeatures {
            features: 0,
            colors: 8,
        }
    }
}

impl TerminalFeatures {
    /// Everything rmux can use: the terminal rmux tests draw on.
    pub fn everything() -> TerminalFeatures {
        let mut f = TerminalFeatures::default();
        for feature in Feature::ALL {
            f.add(feature);
        }
        f
    }

    pub fn has(&self, feature: Feature) -> bool {
        self.features & feature.bit() != 0
    }

    pub fn add(&mut self, feature: Feature) {
        self.features |= feature.bit();
    }

    pub fn remove(&mut self, feature: Feature) {
        self.features &= !feature.bit();
    }

    /// terminfo's `colors` (without the 256 and RGB features).
    pub fn set_colors(&mut self, colors: u16) {
        self.colors = colors;
    }

    pub fn colors(&self) -> u16 {
        self.colors
    }

    pub fn depth(&self) -> ColorDepth {
        if self.has(Feature::Rgb) {
            ColorDepth::Rgb
        } else if self.has(Feature::Colors256) {
            ColorDepth::Colors256
        } else {
            ColorDepth::from_count(u32::from(self.colors))
        }
    }

    /// The features as tmux's `#{client_termfeatures}` lists them.
    pub fn names(&self) -> String {
        let names: Vec<&str> = Feature::ALL
            .into_iter()
            .filter(|f| self.has(*f))
            .map(Feature::name)
            .collect();
        names.join(",")
    }

    /// `style` as this terminal shows it: colours it lacks become the nearest it has,
    /// an underline style it cannot draw a plain underline, attributes it lacks dropped.
    pub fn shown(&self, style: Style) -> Style {
        let mut out = style.for_depth(self.depth());
        if !self.has(Feature::Usstyle) {
            if out.underline != Underline::None {
                out.underline = Underline::Single;
            }
            out.underline_color = crate::Color::Default;
        } else if let Some((r, g, b)) = out.underline_color.to_rgb() {
            // The underline colour is always sent as RGB (tmux's Setulc).
            out.underline_color = crate::Color::Rgb(r, g, b);
        }
        if !self.has(Feature::Strikethrough) {
            out.attrs.remove(Attrs::STRIKE);
        }
        if !self.has(Feature::Overline) {
            out.attrs.remove(Attrs::OVERLINE);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Color;

    #[test]
    fn names_round_trip_and_ignore_case() {
        for f in Feature::ALL {
            assert_eq!(Feature::from_name(f.name()), Some(f));
        }
        assert_eq!(Feature::from_name("rgb"), Some(Feature::Rgb));
        assert_eq!(Feature::from_name("nonsense"), None);
    }

    #[test]
    fn depth_follows_the_features() {
        let mut f = TerminalFeatures::default();
        assert_eq!(f.depth(), ColorDepth::Colors8);
        f.set_colors(256);
        assert_eq!(f.depth(), ColorDepth::Colors256);
        f.set_colors(8);
        f.add(Feature::Colors256);
        assert_eq!(f.depth(), ColorDepth::Colors256);
        f.add(Feature::Rgb);
        assert_eq!(f.depth(), ColorDepth::Rgb);
        assert_eq!(f.names(), "256,RGB");
    }

    #[test]
    fn a_plain_terminal_gets_a_plain_underline_and_no_strike() {
        let style = Style {
            fg: Color::Rgb(255, 128, 0),
            underline: Underline::Curly,
            underline_color: Color::Indexed(1),
            attrs: Attrs::STRIKE | Attrs::OVERLINE | Attrs::ITALIC,
            ..Style::default()
        };
        let plain = TerminalFeatures::default().shown(style);
        assert_eq!(plain.underline, Underline::Single);
        assert_eq!(plain.underline_color, Color::Default);
        assert_eq!(plain.attrs, Attrs::ITALIC);
        assert_eq!(plain.fg, Color::Indexed(3));
        let full = TerminalFeatures::everything().shown(style);
        assert_eq!(full.underline_color, Color::Rgb(0xcd, 0, 0));
        assert_eq!(full.attrs, style.attrs);
        assert_eq!(full.fg, style.fg);
    }
}
