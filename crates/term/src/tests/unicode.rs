//! Wide characters, combining marks, ZWJ sequences, malformed UTF-8.

use super::*;

#[test]
fn wide_character_wraps_when_it_does_not_fit() {
    let t = sized(5, 3, "abcd日");
    assert_eq!(text(&t), "abcd\n日");
    assert!(t.row(0).unwrap().wrapped());
}

#[test]
fn overwriting_half_a_wide_character_blanks_the_other_half() {
    let t = screen("日本\rX");
    let r = t.row(0).unwrap();
    assert_eq!((r.cell(0).ch, r.cell(1).ch, r.cell(1).width), ('X', ' ', 1));
    let t = screen("日本\x1b[1;2HX");
    let r = t.row(0).unwrap();
    assert_eq!((r.cell(0).ch, r.cell(0).width, r.cell(1).ch), (' ', 1, 'X'));
}

#[test]
fn combining_marks_join_the_previous_cell() {
    let t = screen("e\u{301}x");
    let r = t.row(0).unwrap();
    assert_eq!((r.cell(0).ch, r.cell(0).extra), ('e', "\u{301}"));
    assert_eq!(r.cell(1).ch, 'x');
    assert_eq!(r.text(), "e\u{301}x");
    assert_eq!(text(&t), "e\u{301}x");
}

#[test]
fn combining_after_pending_wrap_joins_the_last_column() {
    let t = sized(3, 2, "abc\u{301}");
    assert_eq!(t.row(0).unwrap().cell(2).extra, "\u{301}");
}

#[test]
fn combining_on_a_wide_character() {
    let t = screen("日\u{301}x");
    let r = t.row(0).unwrap();
    assert_eq!(r.cell(0).extra, "\u{301}");
    assert_eq!(r.cell(2).ch, 'x');
}

#[test]
fn zwj_sequences_are_one_grapheme() {
    let t = screen("\u{1F468}\u{200D}\u{1F469}x");
    let r = t.row(0).unwrap();
    assert_eq!(r.cell(0).ch, '\u{1F468}');
    assert_eq!(r.cell(0).extra, "\u{200D}\u{1F469}");
    assert_eq!(r.cell(2).ch, 'x');
}

#[test]
fn emoji_and_variation_selector() {
    let t = screen("\u{1F600}\u{2764}\u{FE0F}");
    let r = t.row(0).unwrap();
    assert_eq!(r.cell(0).width, 2);
    assert_eq!(r.cell(2).ch, '\u{2764}');
    assert_eq!(r.cell(2).extra, "\u{FE0F}");
}

#[test]
fn malformed_utf8_gives_one_replacement_per_sequence() {
    let mut t = screen("");
    t.feed(b"\xf0\x80\x80\x80A\xed\xa0\x80B\xffC\xe6\x97D");
    assert_eq!(text(&t), "\u{fffd}A\u{fffd}B\u{fffd}C\u{fffd}D");
}

#[test]
fn utf8_split_across_feeds() {
    let mut t = screen("");
    for b in "日本".as_bytes() {
        t.feed(&[*b]);
    }
    assert_eq!(text(&t), "日本");
}

#[test]
fn escape_split_across_feeds() {
    let mut t = screen("");
    for b in b"\x1b[31mA\x1b]2;ti" {
        t.feed(&[*b]);
    }
    t.feed(b"tle\x07B");
    assert_eq!(text(&t), "AB");
    assert_eq!(t.title(), "title");
    assert_eq!(t.row(0).unwrap().cell(0).style.fg, crate::Color::Indexed(1));
}

#[test]
fn wide_characters_on_a_one_column_screen_are_dropped() {
    let t = sized(1, 2, "日a");
    assert_eq!(text(&t), "a");
}

#[test]
fn controls_are_not_printed() {
    assert_eq!(text(&screen("a\x00b\x7fc\u{85}d")), "abcd");
}

#[test]
fn a_cell_holds_at_most_twenty_one_bytes_as_in_tmux() {
    // e and ten two-byte marks fill 21 bytes; tmux drops the eleventh mark.
    let marks: String = "\u{301}\u{308}".repeat(6);
    let t = screen(&format!("e{marks}x"));
    let r = t.row(0).unwrap();
    assert_eq!(r.cell(0).extra, &marks[..20]);
    assert_eq!(r.cell(1).ch, 'x');
}
