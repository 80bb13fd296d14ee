//! The drawing path, checked against emulators that are not rmux's.
//!
//! Random pane output (text of every width, SGR of every kind, cursor moves, erases,
//! insertions, scroll regions, the alternate screen, hyperlinks, resizes) is fed to
//! panes; after every step the server composes a frame ([`View::compose`]), the client
//! writes it ([`rmux_client::Screen`]), and the client's bytes are fed to two independent
//! emulators, `vt100` and `alacritty_terminal`. Every cell they show must be the cell
//! the server composed, as the terminal's features let it be shown; the cursor must be
//! where the frame put it.
//!
//! What neither oracle keeps (blink, overline) is checked end to end against tmux as the
//! outer terminal (`tests/e2e/drawing.rs`).

use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;
use std::sync::{Arc, Mutex};

use alacritty_terminal::term::cell::Flags;
use alacritty_terminal::term::test::TermSize;
use alacritty_terminal::vte::ansi::{self, NamedColor};
use proptest::prelude::*;
use rmux_proto::{Attrs, Color, Cursor, CursorShape, Feature, Style, TerminalFeatures, Underline};
use rmux_term::{Size, Terminal};

use super::scene::{Line, Mark, PanePlacement, Scene};
use super::view::View;
use crate::ids::PaneId;

/// What the client writes, kept for the oracles.
#[derive(Clone, Default)]
struct Sink(Rc<RefCell<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// One step of a case.
#[derive(Clone, Debug)]
enum Step {
    /// Bytes printed by pane 0 or 1.
    Output(usize, Vec<u8>),
    /// The client's terminal changes size.
    Resize(u16, u16),
    /// A cell drawn over the panes (as display-panes draws its numbers), or none.
    Overlay(Option<(u16, u16)>),
    /// The status line's text changes (its window number), nothing else does.
    Status(u8),
}

/// A piece of pane output.
fn token() -> impl Strategy<Value = Vec<u8>> {
    let text = prop_oneof![
        "[a-zA-Z0-9 .,:-]{1,12}",
        Just("世界".to_string()),
        Just("日本語のテキスト".to_string()),
        Just("e\u{301}a\u{308}".to_string()),
        Just("😀x".to_string()),
        Just("\r\n".to_string()),
        Just("\t".to_string()),
        Just("\u{8}".to_string()),
    ]
    .prop_map(String::into_bytes);
    let sgr = prop_oneof![
        prop::sample::select(vec![
            "0", "1", "2", "3", "4", "4:0", "4:1", "4:2", "4:3", "4:4", "4:5", "5", "7", "8", "9",
            "53", "21", "22", "23", "24", "25", "27", "28", "29", "55", "39", "49", "59",
        ])
        .prop_map(str::to_string),
        (30u8..38).prop_map(|n| n.to_string()),
        (40u8..48).prop_map(|n| n.to_string()),
        (90u8..98).prop_map(|n| n.to_string()),
        (100u8..108).prop_map(|n| n.to_string()),
        any::<u8>().prop_map(|n| format!("38;5;{n}")),
        any::<u8>().prop_map(|n| format!("48;5;{n}")),
        any::<u8>().prop_map(|n| format!("58;5;{n}")),
        any::<(u8, u8, u8)>().prop_map(|(r, g, b)| format!("38;2;{r};{g};{b}")),
        any::<(u8, u8, u8)>().prop_map(|(r, g, b)| format!("48;2;{r};{g};{b}")),
        any::<(u8, u8, u8)>().prop_map(|(r, g, b)| format!("58:2::{r}:{g}:{b}")),
    ]
    .prop_map(|p| format!("\x1b[{p}m").into_bytes());
    let control = prop_oneof![
        (1u8..12, 1u8..40).prop_map(|(r, c)| format!("\x1b[{r};{c}H")),
        (
            0u8..5,
            prop::sample::select(vec!['A', 'B', 'C', 'D', 'G', 'd', 'E', 'F'])
        )
            .prop_map(|(n, f)| format!("\x1b[{n}{f}")),
        (0u8..3, prop::sample::select(vec!['J', 'K'])).prop_map(|(n, f)| format!("\x1b[{n}{f}")),
        (
            0u8..6,
            prop::sample::select(vec!['X', '@', 'P', 'L', 'M', 'S', 'T'])
        )
            .prop_map(|(n, f)| format!("\x1b[{n}{f}")),
        (1u8..5, 3u8..10).prop_map(|(t, b)| format!("\x1b[{t};{b}r")),
        Just("\x1b[r".to_string()),
        Just("\x1bM".to_string()),
        Just("\x1bD".to_string()),
        Just("\x1b7".to_string()),
        Just("\x1b8".to_string()),
        Just("\x1b[?1049h".to_string()),
        Just("\x1b[?1049l".to_string()),
        Just("\x1b[?25l".to_string()),
        Just("\x1b[?25h".to_string()),
        Just("\x1b[?7l".to_string()),
        Just("\x1b[?7h".to_string()),
        Just("\x1b]8;;http://example.com/a\x1b\\".to_string()),
        Just("\x1b]8;id=x;https://example.org/b?q=1\x07".to_string()),
        Just("\x1b]8;;\x1b\\".to_string()),
        (0u8..7).prop_map(|n| format!("\x1b[{n} q")),
        Just("\x1b]12;#ff8000\x07".to_string()),
        Just("\x1b]112\x07".to_string()),
    ]
    .prop_map(String::into_bytes);
    prop_oneof![4 => text, 4 => sgr, 3 => control]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        8 => (0usize..2, prop::collection::vec(token(), 1..24))
            .prop_map(|(pane, tokens)| Step::Output(pane, tokens.concat())),
        1 => (8u16..40, 3u16..12).prop_map(|(w, h)| Step::Resize(w, h)),
        1 => prop::option::of((0u16..40, 0u16..12)).prop_map(Step::Overlay),
        1 => (0u8..10).prop_map(Step::Status),
    ]
}

/// Two panes side by side with a border between them and a status line below, as a
/// window of two panes is drawn.
struct Layout {
    cols: u16,
    rows: u16,
}

impl Layout {
    fn left(&self) -> (u16, u16) {
        (self.cols / 2, self.rows - 1)
    }
    fn right(&self) -> (u16, u16) {
        (self.cols - self.cols / 2 - 1, self.rows - 1)
    }
}

struct Case {
    panes: [Arc<Mutex<Terminal>>; 2],
    layout: Layout,
    view: View,
    screen: rmux_client::Screen<Sink>,
    sink: Sink,
    vt: vt100::Parser,
    ala: alacritty_terminal::Term<alacritty_terminal::event::VoidListener>,
    ala_parser: ansi::Processor,
    features: TerminalFeatures,
    frames: u64,
    overlay: Option<(u16, u16)>,
    /// The window number the status line shows.
    window: u8,
}

impl Case {
    fn new(features: TerminalFeatures) -> Case {
        let layout = Layout { cols: 24, rows: 8 };
        let term = |(cols, rows)| Arc::new(Mutex::new(Terminal::new(Size { cols, rows }, 100)));
        let sink = Sink::default();
        let mut screen = rmux_client::Screen::new(sink.clone());
        screen.set_features(features);
        let size = TermSize::new(usize::from(layout.cols), usize::from(layout.rows));
        Case {
            panes: [term(layout.left()), term(layout.right())],
            vt: vt100::Parser::new(nonzero(layout.rows), nonzero(layout.cols), 0),
            ala: alacritty_terminal::Term::new(
                alacritty_terminal::term::Config::default(),
                &size,
                alacritty_terminal::event::VoidListener,
            ),
            ala_parser: ansi::Processor::new(),
            layout,
            view: View::default(),
            screen,
            sink,
            features,
            frames: 0,
            overlay: None,
            window: 0,
        }
    }

    fn apply(&mut self, step: &Step) {
        match step {
            Step::Output(pane, bytes) => {
                if let Ok(mut t) = self.panes[*pane].lock() {
                    t.feed(bytes);
                }
            }
            Step::Overlay(at) => self.overlay = *at,
            Step::Status(window) => self.window = *window,
            Step::Resize(cols, rows) => {
                self.layout = Layout {
                    cols: *cols,
                    rows: *rows,
                };
                for (pane, (cols, rows)) in [self.layout.left(), self.layout.right()]
                    .into_iter()
                    .enumerate()
                {
                    if let Ok(mut t) = self.panes[pane].lock() {
                        t.resize(Size { cols, rows });
                    }
                }
                // The outer terminal has the new size before the client hears of it.
                self.vt
                    .screen_mut()
                    .set_size(nonzero(*rows), nonzero(*cols));
                self.ala
                    .resize(TermSize::new(usize::from(*cols), usize::from(*rows)));
            }
        }
    }

    fn scene(&self) -> Scene {
        let (lw, h) = self.layout.left();
        let (rw, _) = self.layout.right();
        let placement = |pane: usize, x: u16, width: u16| {
            PanePlacement::whole(
                PaneId(pane as u32),
                Arc::clone(&self.panes[pane]),
                x,
                0,
                width,
                h,
            )
        };
        let border = Style {
            fg: Color::Indexed(2),
            ..Style::default()
        };
        let mut marks: Vec<Mark> = (0..h)
            .map(|y| Mark {
                x: lw,
                y,
                ch: '│',
                style: border,
            })
            .collect();
        if let Some((x, y)) = self.overlay {
            marks.push(Mark {
                x,
                y,
                ch: '#',
                style: Style {
                    bg: Color::Indexed(4),
                    ..Style::default()
                },
            });
        }
        let status = Style {
            fg: Color::Indexed(0),
            bg: Color::Indexed(2),
            ..Style::default()
        };
        let mut cells: Vec<(char, Style)> = format!("[0] {}:bash* 世 ", self.window)
            .chars()
            .map(|c| (c, status))
            .collect();
        cells.push((
            'x',
            Style {
                attrs: Attrs::REVERSE | Attrs::BOLD,
                underline: Underline::Curly,
                ..status
            },
        ));
        let cursor = self.panes[0].lock().ok().and_then(|t| {
            let c = t.cursor();
            c.visible.then_some(Cursor {
                x: c.col,
                y: c.row,
                shape: c.shape,
                color: c.color,
            })
        });
        Scene {
            size: Size {
                cols: self.layout.cols,
                rows: self.layout.rows,
            },
            only: None,
            panes: vec![placement(0, 0, lw), placement(1, lw + 1, rw)],
            marks,
            lines: vec![Line {
                y: self.layout.rows - 1,
                cells,
                fill: status,
            }],
            overlay: None,
            cursor,
        }
    }

    /// Compose, draw, and compare; `Err` names the first difference.
    fn frame(&mut self) -> Result<(), String> {
        let scene = self.scene();
        let Some(frame) = self.view.compose(&scene) else {
            return Ok(());
        };
        self.view.acknowledge(frame.id);
        self.frames += 1;
        self.screen.show(&frame).map_err(|e| e.to_string())?;
        let bytes = std::mem::take(&mut *self.sink.0.borrow_mut());
        self.vt.process(&bytes);
        self.ala_parser.advance(&mut self.ala, &bytes);
        for y in 0..self.layout.rows {
            for x in 0..self.layout.cols {
                self.check_cell(x, y)
                    .map_err(|e| format!("frame {}, cell ({x},{y}): {e}", self.frames))?;
            }
        }
        // The scene's status line, not just the composed cells: a row the view wrongly
        // believes up to date would show the old line on both sides.
        let status = &scene.lines[0];
        let mut want = String::new();
        let mut width = 0;
        for &(ch, _) in &status.cells {
            let w = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
            if width + w > usize::from(self.layout.cols) {
                break;
            }
            want.push(ch);
            width += w;
        }
        let shown = self
            .vt
            .screen()
            .rows(0, self.layout.cols)
            .nth(usize::from(status.y))
            .unwrap_or_default();
        if shown.trim_end() != want.trim_end() {
            return Err(format!(
                "frame {}: the status line shows {shown:?}, the scene has {want:?}",
                self.frames
            ));
        }
        if let Some(c) = frame.cursor {
            let at = self.vt.screen().cursor_position();
            if at != (c.y, c.x) || self.vt.screen().hide_cursor() {
                return Err(format!("cursor at {at:?}, frame says ({},{})", c.y, c.x));
            }
            let point = self.ala.grid().cursor.point;
            if (point.line.0, point.column.0) != (i32::from(c.y), usize::from(c.x)) {
                return Err(format!("alacritty cursor at {point:?}, frame says {c:?}"));
            }
        } else if !self.vt.screen().hide_cursor() {
            return Err("cursor shown, frame hides it".into());
        }
        Ok(())
    }

    fn check_cell(&self, x: u16, y: u16) -> Result<(), String> {
        let composed = self
            .view
            .composed(x, y)
            .ok_or_else(|| "outside the view".to_string())?;
        let want = self.features.shown(composed.style);
        let link = composed
            .link
            .filter(|_| self.features.has(Feature::Hyperlinks));
        // vt100.
        let v = self
            .vt
            .screen()
            .cell(y, x)
            .ok_or_else(|| "outside vt100's screen".to_string())?;
        if composed.width == 0 {
            if !v.is_wide_continuation() {
                return Err(format!(
                    "vt100: not the right half of a wide character: {v:?}"
                ));
            }
        } else {
            let shown = if v.contents().is_empty() {
                " "
            } else {
                v.contents()
            };
            // vt100 stops adding marks to a cell at 18 bytes; the composed cell may hold
            // up to 21, as tmux's does.
            let clipped = shown.len() >= 18 && composed.text.starts_with(shown);
            if (shown != composed.text && !clipped) || v.is_wide() != (composed.width == 2) {
                return Err(format!(
                    "vt100 shows {:?} (wide {}), composed {composed:?}",
                    shown,
                    v.is_wide()
                ));
            }
            let colours = (vt_colour(v.fgcolor()), vt_colour(v.bgcolor()));
            if colours != (want.fg, want.bg) {
                return Err(format!("vt100 colours {colours:?}, want {want:?}"));
            }
            // vt100 keeps one intensity, the last set: with both, either will do.
            let (bold, dim) = (
                want.attrs.contains(Attrs::BOLD),
                want.attrs.contains(Attrs::DIM),
            );
            let both = bold && dim;
            let attrs = [
                (v.bold() || (both && v.dim()), bold, "bold"),
                (v.dim() || (both && v.bold()), dim, "dim"),
                (v.italic(), want.attrs.contains(Attrs::ITALIC), "italic"),
                (v.inverse(), want.attrs.contains(Attrs::REVERSE), "reverse"),
            ];
            for (on, wanted, name) in attrs {
                if on != wanted {
                    return Err(format!("vt100 {name} is {on}, want {want:?}"));
                }
            }
            // vt100 knows only the plain underline; it ignores `4:n` altogether.
            if matches!(want.underline, Underline::None | Underline::Single)
                && v.underline() != (want.underline == Underline::Single)
            {
                return Err(format!(
                    "vt100 underline is {}, want {want:?}",
                    v.underline()
                ));
            }
        }
        // alacritty.
        let point = alacritty_terminal::index::Point::new(
            alacritty_terminal::index::Line(i32::from(y)),
            alacritty_terminal::index::Column(usize::from(x)),
        );
        let a = &self.ala.grid()[point];
        if composed.width == 0 {
            if !a.flags.contains(Flags::WIDE_CHAR_SPACER) {
                return Err(format!(
                    "alacritty: not the right half of a wide character: {a:?}"
                ));
            }
            return Ok(());
        }
        let mut text = a.c.to_string();
        text.extend(a.zerowidth().unwrap_or(&[]));
        if text != composed.text || a.flags.contains(Flags::WIDE_CHAR) != (composed.width == 2) {
            return Err(format!("alacritty shows {text:?}, composed {composed:?}"));
        }
        let got = Style {
            fg: ala_colour(a.fg),
            bg: ala_colour(a.bg),
            underline_color: a.underline_color().map_or(Color::Default, ala_colour),
            attrs: [
                (Flags::BOLD, Attrs::BOLD),
                (Flags::DIM, Attrs::DIM),
                (Flags::ITALIC, Attrs::ITALIC),
                (Flags::INVERSE, Attrs::REVERSE),
                (Flags::HIDDEN, Attrs::HIDDEN),
                (Flags::STRIKEOUT, Attrs::STRIKE),
            ]
            .into_iter()
            .filter(|(f, _)| a.flags.contains(*f))
            .fold(Attrs::empty(), |acc, (_, attr)| acc | attr),
            underline: [
                (Flags::UNDERLINE, Underline::Single),
                (Flags::DOUBLE_UNDERLINE, Underline::Double),
                (Flags::UNDERCURL, Underline::Curly),
                (Flags::DOTTED_UNDERLINE, Underline::Dotted),
                (Flags::DASHED_UNDERLINE, Underline::Dashed),
            ]
            .into_iter()
            .find(|(f, _)| a.flags.contains(*f))
            .map_or(Underline::None, |(_, u)| u),
        };
        let mut comparable = want;
        comparable.attrs.remove(Attrs::BLINK);
        comparable.attrs.remove(Attrs::OVERLINE);
        if got != comparable {
            return Err(format!("alacritty style {got:?}, want {comparable:?}"));
        }
        let uri = a.hyperlink().map(|h| h.uri().to_string());
        if uri.as_deref() != link {
            return Err(format!("alacritty link {uri:?}, want {link:?}"));
        }
        Ok(())
    }
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap_or(std::num::NonZeroU16::MIN)
}

fn vt_colour(c: vt100::Color) -> Color {
    match c {
        vt100::Color::Default => Color::Default,
        vt100::Color::Idx(n) => Color::Indexed(n),
        vt100::Color::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

fn ala_colour(c: ansi::Color) -> Color {
    match c {
        ansi::Color::Named(NamedColor::Foreground | NamedColor::Background) => Color::Default,
        ansi::Color::Named(n) => Color::Indexed(n as u8),
        ansi::Color::Indexed(n) => Color::Indexed(n),
        ansi::Color::Spec(rgb) => Color::Rgb(rgb.r, rgb.g, rgb.b),
    }
}

fn run_case(features: TerminalFeatures, steps: &[Step]) -> Result<(), TestCaseError> {
    let mut case = Case::new(features);
    case.frame().map_err(TestCaseError::fail)?;
    for (i, step) in steps.iter().enumerate() {
        case.apply(step);
        case.frame()
            .map_err(|e| TestCaseError::fail(format!("after step {i} ({step:?}): {e}")))?;
    }
    Ok(())
}

fn xterm_256() -> TerminalFeatures {
    let mut f = TerminalFeatures::default();
    f.set_colors(256);
    f.add(Feature::Colors256);
    f.add(Feature::Strikethrough);
    f.add(Feature::Cstyle);
    f.add(Feature::Ccolour);
    f
}

fn linux() -> TerminalFeatures {
    TerminalFeatures::default()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 1500,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_cell_a_terminal_with_everything_shows_is_the_composed_cell(
        steps in prop::collection::vec(step(), 1..10)
    ) {
        run_case(TerminalFeatures::everything(), &steps)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 400,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn a_256_colour_terminal_shows_the_nearest_it_can(
        steps in prop::collection::vec(step(), 1..10)
    ) {
        run_case(xterm_256(), &steps)?;
    }

    #[test]
    fn an_8_colour_terminal_shows_the_nearest_it_can(
        steps in prop::collection::vec(step(), 1..10)
    ) {
        run_case(linux(), &steps)?;
    }
}

/// The reproduction of the bug this file was written for: styled text overwritten with
/// plain text kept its old attributes on the outer terminal.
#[test]
fn plain_text_over_styled_text_is_plain() {
    let steps = [
        Step::Output(0, b"\x1b[1;3;4;7;9mABCDEFGHIJ\x1b[0m".to_vec()),
        Step::Output(0, b"\rabcdefghij".to_vec()),
        Step::Output(1, b"\x1b[41;53;4:3mstyled\x1b[m\x1b[2J\x1b[Hplain".to_vec()),
    ];
    let result = run_case(TerminalFeatures::everything(), &steps);
    assert!(result.is_ok(), "{result:?}");
}

#[test]
fn cursor_shape_is_unused_by_the_oracles_but_kept() {
    // DECSCUSR reaches the client's cursor; the oracles cannot see it, so check it here.
    let mut case = Case::new(TerminalFeatures::everything());
    case.apply(&Step::Output(0, b"\x1b[4 q".to_vec()));
    let scene = case.scene();
    assert_eq!(scene.cursor.map(|c| c.shape), Some(CursorShape::Underline));
}

/// More distinct styles than a view numbers (and more links than it remembers): it
/// starts over with a full redraw, and once the frame after that is drawn every cell
/// again shows its pane's style.
#[test]
fn a_view_that_runs_out_of_ids_starts_over_and_stays_right() {
    let mut case = Case::new(TerminalFeatures::everything());
    let mut n: u32 = 0;
    while n < 70_000 {
        let mut out = b"\x1b[H".to_vec();
        for _ in 0..80 {
            let (r, g, b) = ((n >> 16) as u8, (n >> 8) as u8, n as u8);
            out.extend_from_slice(format!("\x1b[38;2;{r};{g};{b}mx").as_bytes());
            n += 1;
        }
        case.apply(&Step::Output(0, out));
        let links: String = (0..5)
            .map(|i| format!("\x1b]8;;https://example.com/{n}/{i}\x1b\\L\x1b]8;;\x1b\\"))
            .collect();
        case.apply(&Step::Output(1, links.into_bytes()));
        for _ in 0..2 {
            let result = case.frame();
            assert!(result.is_ok(), "after {n} styles: {result:?}");
        }
        let (width, height) = case.layout.left();
        let pane = case.panes[0].lock().unwrap();
        for y in 0..height {
            let Some(row) = pane.row(i64::from(y)) else {
                continue;
            };
            for (x, cell) in (0..width).zip(row.cells()) {
                let composed = case.view.composed(x, y).unwrap();
                assert_eq!(composed.style, cell.style, "after {n} styles, ({x},{y})");
            }
        }
    }
}
