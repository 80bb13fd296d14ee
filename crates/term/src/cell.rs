//! One screen cell (16 bytes, `Copy`) and the per-row side table that holds
//! the rare things a cell cannot: combining marks, underline colour, links.

use crate::style::{Attrs, PackedColor, Pen, Style, Underline};

/// A cell of the visible grid. Rare data lives in the row's [`Extras`],
/// reached through `extra` (0 = none, else index + 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct Cell {
    pub ch: char,
    pub fg: PackedColor,
    pub bg: PackedColor,
    pub attrs: u8,
    pub flags: u8,
    pub extra: u16,
}

const _: () = assert!(std::mem::size_of::<Cell>() <= 16);

/// Low three bits of `flags`: the underline style.
pub(crate) const UNDERLINE_MASK: u8 = 0b111;
/// Left half of a two-column character.
pub(crate) const WIDE: u8 = 1 << 3;
/// Right half of a two-column character: shows nothing of its own.
pub(crate) const SPACER: u8 = 1 << 4;
/// Printed while the DEC line-drawing set was selected (tmux's CHARSET attribute).
pub(crate) const ACS: u8 = 1 << 5;

impl Cell {
    pub(crate) const BLANK: Cell = Cell {
        ch: ' ',
        fg: PackedColor::DEFAULT,
        bg: PackedColor::DEFAULT,
        attrs: 0,
        flags: 0,
        extra: 0,
    };

    /// What erasing leaves behind: a space keeping only the background
    /// (tmux and xterm erase with the current background colour).
    pub(crate) const fn erased(bg: PackedColor) -> Cell {
        Cell { bg, ..Cell::BLANK }
    }

    pub(crate) fn from_pen(ch: char, pen: &Pen) -> Cell {
        Cell {
            ch,
            fg: pen.fg,
            bg: pen.bg,
            attrs: pen.attrs.bits(),
            flags: pen.underline.to_bits(),
            extra: 0,
        }
    }

    pub(crate) const fn is_wide(&self) -> bool {
        self.flags & WIDE != 0
    }

    pub(crate) const fn is_spacer(&self) -> bool {
        self.flags & SPACER != 0
    }

    pub(crate) const fn width(&self) -> u8 {
        if self.flags & SPACER != 0 {
            0
        } else if self.flags & WIDE != 0 {
            2
        } else {
            1
        }
    }

    /// The character a renderer shows (line-drawing letters translated).
    pub(crate) fn display_char(&self) -> char {
        if self.flags & SPACER != 0 {
            ' '
        } else if self.flags & ACS != 0 {
            dec_graphics(self.ch)
        } else {
            self.ch
        }
    }

    /// The look of the cell without its character, as two numbers: equal
    /// keys, same style. Used to find style runs.
    pub(crate) fn style_key(&self) -> (u64, u16) {
        (
            u64::from(self.fg.raw()) << 32 | u64::from(self.bg.raw()),
            u16::from(self.attrs) << 8 | u16::from(self.flags & (UNDERLINE_MASK | ACS)),
        )
    }

    /// `*self == Cell::BLANK`, without branches (it runs over whole rows).
    pub(crate) fn is_blank(&self) -> bool {
        (self.ch == ' ')
            & (self.fg.raw() == 0)
            & (self.bg.raw() == 0)
            & ((u16::from(self.attrs) | u16::from(self.flags) | self.extra) == 0)
    }

    pub(crate) fn style(&self, extra: Option<&Extra>) -> Style {
        Style {
            fg: self.fg.to_public(),
            bg: self.bg.to_public(),
            underline_color: extra
                .map_or(PackedColor::DEFAULT, |e| e.underline_color)
                .to_public(),
            attrs: Attrs::from_bits(self.attrs),
            underline: Underline::from_bits(self.flags & UNDERLINE_MASK),
        }
    }
}

/// The DEC special graphics set (`ESC ( 0`) as Unicode.
pub(crate) fn dec_graphics(c: char) -> char {
    match c {
        '`' => '◆',
        'a' => '▒',
        'b' => '␉',
        'c' => '␌',
        'd' => '␍',
        'e' => '␊',
        'f' => '°',
        'g' => '±',
        'h' => '␤',
        'i' => '␋',
        'j' => '┘',
        'k' => '┐',
        'l' => '┌',
        'm' => '└',
        'n' => '┼',
        'o' => '⎺',
        'p' => '⎻',
        'q' => '─',
        'r' => '⎼',
        's' => '⎽',
        't' => '├',
        'u' => '┤',
        'v' => '┴',
        'w' => '┬',
        'x' => '│',
        'y' => '≤',
        'z' => '≥',
        '{' => 'π',
        '|' => '≠',
        '}' => '£',
        '~' => '·',
        other => other,
    }
}

/// Rare per-cell data, stored out of line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct Extra {
    /// Combining marks / ZWJ tail appended to the cell's character, as a
    /// range of [`Extras::text`].
    pub tail_start: u32,
    pub tail_len: u32,
    pub underline_color: PackedColor,
    pub link: u32,
}

/// A row's side table. Entries are never updated in place: a changed cell
/// gets a new entry, and the table is compacted when garbage piles up, so
/// moving cells (ICH/DCH) never has to touch it. Most rows never have an
/// entry, so the table is made with the first: an empty one is a pointer, not
/// two vectors, in every row of every screen.
#[derive(Clone, Debug, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(from = "ExtraTable", into = "ExtraTable")
)]
pub(crate) struct Extras {
    table: Option<Box<ExtraTable>>,
}

/// The entries, and the text their tails are ranges of. (Also the serialised
/// form of [`Extras`], as it was before the table moved out of line.)
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct ExtraTable {
    items: Vec<Extra>,
    text: String,
}

impl From<ExtraTable> for Extras {
    fn from(table: ExtraTable) -> Extras {
        Extras {
            table: (!table.items.is_empty() || !table.text.is_empty()).then(|| Box::new(table)),
        }
    }
}

impl From<Extras> for ExtraTable {
    fn from(extras: Extras) -> ExtraTable {
        extras.table.map(|t| *t).unwrap_or_default()
    }
}

/// No table and an empty one are the same.
impl PartialEq for Extras {
    fn eq(&self, other: &Extras) -> bool {
        let empty = ExtraTable::default();
        self.table.as_deref().unwrap_or(&empty) == other.table.as_deref().unwrap_or(&empty)
    }
}

impl Eq for Extras {}

impl Extras {
    pub(crate) fn clear(&mut self) {
        if let Some(t) = &mut self.table {
            t.items.clear();
            t.text.clear();
        }
    }

    fn items(&self) -> &[Extra] {
        self.table.as_ref().map_or(&[], |t| &t.items)
    }

    fn text(&self) -> &str {
        self.table.as_ref().map_or("", |t| &t.text)
    }

    fn table_mut(&mut self) -> &mut ExtraTable {
        self.table.get_or_insert_with(Box::default)
    }

    pub(crate) fn get(&self, id: u16) -> Option<&Extra> {
        if id == 0 {
            return None;
        }
        self.items().get(usize::from(id) - 1)
    }

    pub(crate) fn tail(&self, e: &Extra) -> &str {
        let start = e.tail_start as usize;
        let end = start.saturating_add(e.tail_len as usize);
        self.text().get(start..end).unwrap_or("")
    }

    pub(crate) fn tail_of(&self, id: u16) -> &str {
        self.get(id).map_or("", |e| self.tail(e))
    }

    /// Adds an entry (reusing the last one when equal, so a run of linked or
    /// underline-coloured text costs one entry). Returns 0 when full.
    pub(crate) fn push(&mut self, e: Extra) -> u16 {
        let items = &mut self.table_mut().items;
        if let Some(last) = items.last()
            && *last == e
        {
            return items.len() as u16;
        }
        if items.len() >= usize::from(u16::MAX) {
            return 0;
        }
        items.push(e);
        items.len() as u16
    }

    /// A new entry equal to `id`'s plus `more` appended to its tail.
    pub(crate) fn push_with_tail(&mut self, id: u16, more: &str) -> u16 {
        let base = self.get(id).copied().unwrap_or_default();
        // Tails are short (a few marks); cap them so a flood of combining
        // characters cannot grow a row without bound.
        if base.tail_len as usize + more.len() > 64 {
            return id;
        }
        // Copied through the stack: no allocation per combining mark.
        let mut buf = [0u8; 64];
        let old = self.tail(&base).as_bytes();
        let old_len = old.len().min(buf.len());
        if let (Some(dst), Some(src)) = (buf.get_mut(..old_len), old.get(..old_len)) {
            dst.copy_from_slice(src);
        }
        let text = &mut self.table_mut().text;
        let start = text.len();
        text.push_str(std::str::from_utf8(buf.get(..old_len).unwrap_or(&[])).unwrap_or(""));
        text.push_str(more);
        let e = Extra {
            tail_start: start as u32,
            tail_len: (text.len() - start) as u32,
            ..base
        };
        self.push(e)
    }

    pub(crate) fn len(&self) -> usize {
        self.items().len()
    }

    /// Rebuilds the table keeping only entries that `cells` still use.
    pub(crate) fn compact(&mut self, cells: &mut [Cell]) {
        let old = std::mem::take(self);
        for cell in cells.iter_mut() {
            if cell.extra == 0 {
                continue;
            }
            cell.extra = match old.get(cell.extra) {
                Some(e) => self.copy_from(&old, e),
                None => 0,
            };
        }
    }

    /// Copies entry `e` of `other` into this table, returning its new id.
    pub(crate) fn copy_from(&mut self, other: &Extras, e: &Extra) -> u16 {
        let tail = other.tail(e);
        let text = &mut self.table_mut().text;
        let start = text.len();
        text.push_str(tail);
        self.push(Extra {
            tail_start: start as u32,
            tail_len: tail.len() as u32,
            ..*e
        })
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.table.as_ref().map_or(0, |t| {
            std::mem::size_of::<ExtraTable>()
                + t.items.capacity() * std::mem::size_of::<Extra>()
                + t.text.capacity()
        })
    }
}
