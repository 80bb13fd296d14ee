//! OSC: titles, directory, hyperlinks, clipboard, colours.

use super::*;
use crate::Event;

#[test]
fn titles_with_bel_and_st() {
    let mut t = screen("\x1b]2;one\x07");
    assert_eq!(t.title(), "one");
    t.feed(b"\x1b]0;two;with;semicolons\x1b\\");
    assert_eq!(t.title(), "two;with;semicolons");
    // Only the newest title waits for the caller.
    assert_eq!(
        t.take_events(),
        vec![Event::Title("two;with;semicolons".into())]
    );
    assert!(!t.has_pending_events());
}

#[test]
fn a_bell_flood_queues_one_bell() {
    let mut t = screen("");
    t.feed(&[0x07; 100_000]);
    t.feed(b"]52;c;aGk=]52;c;aG8=");
    assert_eq!(
        t.take_events(),
        vec![
            Event::Bell,
            Event::Clipboard {
                selection: "c".into(),
                data: b"ho".to_vec()
            }
        ]
    );
}

#[test]
fn title_controls_are_dropped() {
    assert_eq!(screen("\x1b]2;a\x01b\x07").title(), "ab");
}

#[test]
fn cwd_from_osc7() {
    let mut t = screen("\x1b]7;file://host/home/me/my%20dir\x07");
    assert_eq!(t.cwd(), Some("/home/me/my dir"));
    assert_eq!(t.take_events(), vec![Event::Cwd("/home/me/my dir".into())]);
}

#[test]
fn hyperlinks_mark_cells() {
    let t = screen("\x1b]8;id=x;http://a/b;c\x1b\\ln\x1b]8;;\x1b\\k");
    let r = t.row(0).unwrap();
    assert_eq!(r.cell(0).link, Some("http://a/b;c"));
    assert_eq!(r.cell(1).link, Some("http://a/b;c"));
    assert_eq!(r.cell(2).link, None);
}

#[test]
fn clipboard_is_handed_over_decoded() {
    let mut t = screen("\x1b]52;c;aGVsbG8=\x07");
    assert_eq!(
        t.take_events(),
        vec![Event::Clipboard {
            selection: "c".into(),
            data: b"hello".to_vec()
        }]
    );
    let mut t = screen("\x1b]52;c;?\x07");
    assert!(t.take_events().is_empty(), "queries are not answered");
}

#[test]
fn bell_is_an_event() {
    let mut t = screen("a\x07b");
    assert_eq!(t.take_events(), vec![Event::Bell]);
    assert_eq!(text(&t), "ab");
}

#[test]
fn colour_queries_are_answered() {
    let mut t = screen("\x1b]10;?\x07\x1b]11;?\x1b\\");
    t.set_default_colors((1, 2, 3), (0xaa, 0xbb, 0xcc));
    let r = String::from_utf8(t.take_replies()).unwrap();
    assert!(r.starts_with("\x1b]10;rgb:e5e5/e5e5/e5e5\x07"), "{r:?}");
    assert!(r.ends_with("\x1b]11;rgb:0000/0000/0000\x1b\\"), "{r:?}");
    let mut t = screen("");
    t.set_default_colors((1, 2, 3), (0xaa, 0xbb, 0xcc));
    t.feed(b"\x1b]11;?\x07\x1b]4;1;?\x07\x1b]4;1;rgb:12/34/56\x07\x1b]4;1;?\x07");
    let r = String::from_utf8(t.take_replies()).unwrap();
    assert_eq!(
        r,
        "\x1b]11;rgb:aaaa/bbbb/cccc\x07\x1b]4;1;rgb:cdcd/0000/0000\x07\x1b]4;1;rgb:1212/3434/5656\x07"
    );
}

#[test]
fn unknown_and_unterminated_osc_are_harmless() {
    assert_eq!(text(&screen("a\x1b]999;x\x07b")), "ab");
    assert_eq!(text(&screen("a\x1b]2;abc\x18b")), "ab");
}

#[test]
fn a_link_survives_the_side_table_being_compacted() {
    // Each character a different link: the row's side table fills up and
    // is compacted now and then, whichever character comes at that moment.
    for n in 1..120 {
        let mut s = String::new();
        for i in 0..n {
            s.push_str(&format!(
                "\x1b]8;;l{i}\x07x\x1b[4:3;58;5;{}mu\x1b[m\r",
                i % 256
            ));
        }
        let t = sized(10, 2, &s);
        let row = t.row(0).unwrap();
        let last = format!("l{}", n - 1);
        assert_eq!(row.cell(0).link, Some(last.as_str()), "{n}");
        assert_eq!(
            row.cell(1).style.underline_color,
            crate::Color::Indexed(((n - 1) % 256) as u8),
            "{n}"
        );
        t.check_invariants().unwrap();
    }
}
