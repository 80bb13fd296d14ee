//! capture-pane: ranges, -J, -N, -e.

use super::*;

fn cap(t: &Terminal, opts: CaptureOptions) -> String {
    t.capture(&opts)
}

#[test]
fn visible_screen_by_default() {
    let t = sized(5, 2, "1\r\n2\r\n3");
    assert_eq!(cap(&t, CaptureOptions::default()), "2\n3\n");
}

#[test]
fn ranges_reach_into_history() {
    let t = sized(5, 2, "1\r\n2\r\n3\r\n4");
    let o = |start, end| CaptureOptions {
        start,
        end,
        ..Default::default()
    };
    assert_eq!(cap(&t, o(Some(i64::MIN), None)), "1\n2\n3\n4\n");
    assert_eq!(cap(&t, o(Some(-1), Some(0))), "2\n3\n");
    assert_eq!(cap(&t, o(Some(-99), Some(-2))), "1\n");
    assert_eq!(cap(&t, o(Some(1), Some(i64::MAX))), "4\n");
    assert_eq!(cap(&t, o(Some(1), Some(0))), "3\n4\n", "swapped like tmux");
    assert_eq!(cap(&t, o(Some(50), Some(60))), "4\n");
}

#[test]
fn join_wrapped_lines() {
    let t = sized(5, 3, "abcdefgh");
    let joined = cap(
        &t,
        CaptureOptions {
            join: true,
            ..Default::default()
        },
    );
    assert_eq!(joined, "abcdefgh\n\n");
}

#[test]
fn trailing_spaces_are_trimmed_unless_asked() {
    let t = sized(10, 1, "ab  ");
    assert_eq!(cap(&t, CaptureOptions::default()), "ab\n");
    let keep = CaptureOptions {
        keep_trailing: true,
        ..Default::default()
    };
    assert_eq!(cap(&t, keep), "ab  \n");
}

#[test]
fn escapes_carry_state_across_lines() {
    let t = sized(5, 2, "\x1b[32mab\r\ncd\x1b[m");
    let e = CaptureOptions {
        escapes: true,
        ..Default::default()
    };
    assert_eq!(cap(&t, e), "\x1b[32mab\ncd\n");
}

#[test]
fn wide_and_combining_in_capture() {
    let t = sized(10, 1, "日e\u{301}x");
    assert_eq!(cap(&t, CaptureOptions::default()), "日e\u{301}x\n");
}

#[test]
fn capture_on_the_alternate_screen_shows_main_history() {
    let t = sized(5, 2, "1\r\n2\r\n3\x1b[?1049halt");
    let all = CaptureOptions {
        start: Some(i64::MIN),
        ..Default::default()
    };
    assert_eq!(cap(&t, all), "1\n\n alt\n");
}

#[test]
fn history_reads_as_the_screen_did() {
    // Plain ASCII lines take a shorter road out of the history than rows on the
    // screen: both must give the same text, for every option.
    let lines = "ab  cd   \r\n\x1b[5Cx\r\nwrap-around-text\r\n   \r\nlast \r\n";
    let on_screen = sized(8, 12, lines);
    let mut scrolled = sized(8, 12, lines);
    scrolled.feed(&[b'\n'; 12]);
    assert!(scrolled.history_len() >= 7);
    for (join, keep_trailing) in [(false, false), (true, false), (false, true)] {
        let screen = cap(
            &on_screen,
            CaptureOptions {
                join,
                keep_trailing,
                ..Default::default()
            },
        );
        let history = cap(
            &scrolled,
            CaptureOptions {
                start: Some(i64::MIN),
                join,
                keep_trailing,
                ..Default::default()
            },
        );
        assert!(
            history.starts_with(&screen[..screen.find("last").unwrap_or(0)]),
            "join {join} keep {keep_trailing}:\nscreen {screen:?}\nhistory {history:?}"
        );
    }
}
