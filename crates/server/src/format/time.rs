//! Times as C's `strftime` and `ctime` print them in the C locale, which is what tmux
//! shows (`%H:%M %d-%b-%y` in the status line, `created Thu Nov 26 11:47:41 2026`).

use chrono::{DateTime, Datelike, Local, TimeZone, Timelike};

const DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The longest result of one conversion tmux's 8 KiB buffer could hold; a width
/// beyond it is clamped so a hostile `%999999999Y` cannot allocate without bound.
const MAX_FIELD_WIDTH: usize = 8192;

/// `ctime(3)` without the newline: `Thu Nov 26 11:47:41 2026`.
pub fn ctime(t: DateTime<Local>) -> String {
    strftime("%a %b %e %H:%M:%S %Y", t)
}

/// The local time of a Unix timestamp, if it is representable.
pub(super) fn local_from_timestamp(seconds: i64) -> Option<DateTime<Local>> {
    Local.timestamp_opt(seconds, 0).single()
}

/// tmux's short "pretty" time of `#{t/p:…}`: the time of day within a day, the
/// weekday and day within a month, day and month within a year, else month and year.
pub(super) fn pretty_time(t: DateTime<Local>, now: DateTime<Local>) -> String {
    let now = now.max(t);
    let age = now.timestamp() - t.timestamp();
    let same_year = t.year() == now.year();
    if age < 24 * 3600 {
        strftime("%H:%M", t)
    } else if (same_year && t.month() == now.month()) || age < 28 * 24 * 3600 {
        strftime("%a%d", t)
    } else if (same_year && t.month() < now.month())
        || (t.year() == now.year() - 1 && t.month() > now.month())
    {
        strftime("%d%b", t)
    } else {
        strftime("%h%y", t)
    }
}

/// How a conversion pads and cases its result (glibc's flags and field width).
#[derive(Clone, Copy, Default)]
struct Spec {
    pad: Option<u8>,
    upper: bool,
    swap_case: bool,
    width: Option<usize>,
}

/// C `strftime` in the C locale, with glibc's `-` `_` `0` `^` `#` flags and field
/// widths. Unknown conversions are copied as they are, as glibc does.
pub fn strftime(fmt: &str, t: DateTime<Local>) -> String {
    let mut out = String::with_capacity(fmt.len() + 16);
    let mut rest = fmt;
    while let Some(pos) = rest.find('%') {
        out.push_str(&rest[..pos]);
        let conv = &rest[pos..];
        let consumed = convert(conv, t, &mut out);
        rest = &conv[consumed..];
    }
    out.push_str(rest);
    out
}

/// Converts the `%…` at the start of `conv` into `out`; returns the bytes consumed.
fn convert(conv: &str, t: DateTime<Local>, out: &mut String) -> usize {
    let b = conv.as_bytes();
    let mut i = 1;
    let mut spec = Spec::default();
    while let Some(&c) = b.get(i) {
        match c {
            b'-' | b'_' | b'0' => spec.pad = Some(c),
            b'^' => spec.upper = true,
            b'#' => spec.swap_case = true,
            _ => break,
        }
        i += 1;
    }
    let digits = b
        .get(i..)
        .map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count());
    if digits > 0 {
        let width = conv
            .get(i..i + digits)
            .and_then(|d| d.parse::<usize>().ok());
        spec.width = Some(width.unwrap_or(MAX_FIELD_WIDTH).min(MAX_FIELD_WIDTH));
        i += digits;
    }
    // E and O select alternative representations, which the C locale does not have.
    if matches!(b.get(i), Some(b'E' | b'O')) {
        i += 1;
    }
    let Some(ch) = conv.get(i..).and_then(|rest| rest.chars().next()) else {
        out.push_str(conv);
        return conv.len();
    };
    let end = i + ch.len_utf8();
    let field = if ch.is_ascii() {
        field(ch as u8, t)
    } else {
        None
    };
    match field {
        Some(Field::Num { value, width, pad }) => push_number(out, value, width, pad, spec),
        Some(Field::Text(s)) => push_text(out, &s, ch as u8, spec),
        None => out.push_str(conv.get(..end).unwrap_or(conv)),
    }
    end
}

/// What one conversion produces.
enum Field {
    Num { value: i64, width: usize, pad: u8 },
    Text(String),
}

fn num(value: impl Into<i64>, width: usize) -> Option<Field> {
    Some(Field::Num {
        value: value.into(),
        width,
        pad: b'0',
    })
}

fn spaced(value: impl Into<i64>, width: usize) -> Option<Field> {
    Some(Field::Num {
        value: value.into(),
        width,
        pad: b' ',
    })
}

fn text(s: impl Into<String>) -> Option<Field> {
    Some(Field::Text(s.into()))
}

fn field(c: u8, t: DateTime<Local>) -> Option<Field> {
    let weekday = t.weekday().num_days_from_sunday() as usize;
    let month0 = t.month0() as usize;
    let hour12 = match t.hour() % 12 {
        0 => 12,
        h => h,
    };
    let iso = t.iso_week();
    match c {
        b'a' => text(DAYS[weekday].get(..3).unwrap_or_default()),
        b'A' => text(DAYS[weekday]),
        b'b' | b'h' => text(MONTHS[month0].get(..3).unwrap_or_default()),
        b'B' => text(MONTHS[month0]),
        b'c' => text(strftime("%a %b %e %H:%M:%S %Y", t)),
        b'C' => num(t.year().div_euclid(100), 2),
        b'd' => num(t.day(), 2),
        b'D' | b'x' => text(strftime("%m/%d/%y", t)),
        b'e' => spaced(t.day(), 2),
        b'F' => text(strftime("%Y-%m-%d", t)),
        b'g' => num(iso.year().rem_euclid(100), 2),
        b'G' => num(iso.year(), 1),
        b'H' => num(t.hour(), 2),
        b'I' => num(hour12, 2),
        b'j' => num(t.ordinal(), 3),
        b'k' => spaced(t.hour(), 2),
        b'l' => spaced(hour12, 2),
        b'm' => num(t.month(), 2),
        b'M' => num(t.minute(), 2),
        b'n' => text("\n"),
        b'p' => text(if t.hour() < 12 { "AM" } else { "PM" }),
        b'P' => text(if t.hour() < 12 { "am" } else { "pm" }),
        b'r' => text(strftime("%I:%M:%S %p", t)),
        b'R' => text(strftime("%H:%M", t)),
        b's' => num(t.timestamp(), 1),
        b'S' => num(t.second().min(60), 2),
        b't' => text("\t"),
        b'T' | b'X' => text(strftime("%H:%M:%S", t)),
        b'u' => num(t.weekday().number_from_monday(), 1),
        b'U' => num(week_number(t.ordinal0(), weekday), 2),
        b'V' => num(iso.week(), 2),
        b'w' => num(weekday as i64, 1),
        b'W' => num(week_number(t.ordinal0(), (weekday + 6) % 7), 2),
        b'y' => num(t.year().rem_euclid(100), 2),
        b'Y' => num(t.year(), 1),
        b'z' => text(offset(t)),
        b'Z' => text(zone_name(t)),
        b'%' => text("%"),
        _ => None,
    }
}

/// Week of the year where weeks start on the day `days_since_start` counts from.
fn week_number(yday: u32, days_since_start: usize) -> u32 {
    (yday + 7 - days_since_start as u32) / 7
}

/// `+hhmm` offset from UTC.
fn offset(t: DateTime<Local>) -> String {
    let secs = t.offset().local_minus_utc();
    let sign = if secs < 0 { '-' } else { '+' };
    let mins = secs.unsigned_abs() / 60;
    format!("{sign}{:02}{:02}", mins / 60, mins % 60)
}

/// The zone's abbreviation. The standard library cannot ask the C library for it, so
/// this is `UTC` at offset zero and the numeric offset elsewhere.
fn zone_name(t: DateTime<Local>) -> String {
    if t.offset().local_minus_utc() == 0 {
        "UTC".to_string()
    } else {
        offset(t)
    }
}

fn push_number(out: &mut String, value: i64, width: usize, pad: u8, spec: Spec) {
    let digits = value.unsigned_abs().to_string();
    let sign = if value < 0 { "-" } else { "" };
    let pad = spec.pad.unwrap_or(pad);
    let width = spec.width.unwrap_or(width);
    let fill = width.saturating_sub(digits.len() + sign.len());
    match pad {
        b'-' => {}
        b'_' | b' ' => out.extend(std::iter::repeat_n(' ', fill)),
        _ => {
            out.push_str(sign);
            out.extend(std::iter::repeat_n('0', fill));
            out.push_str(&digits);
            return;
        }
    }
    out.push_str(sign);
    out.push_str(&digits);
}

fn push_text(out: &mut String, s: &str, conv: u8, spec: Spec) {
    let cased = if spec.upper {
        s.to_uppercase()
    } else if spec.swap_case {
        // glibc's # flag upper-cases names and lower-cases the AM/PM indicator.
        if conv == b'p' {
            s.to_lowercase()
        } else {
            s.to_uppercase()
        }
    } else {
        s.to_string()
    };
    let width = spec.width.unwrap_or(0);
    let fill = width.saturating_sub(cased.chars().count());
    let pad = if spec.pad == Some(b'0') { '0' } else { ' ' };
    if spec.pad != Some(b'-') {
        out.extend(std::iter::repeat_n(pad, fill));
    }
    out.push_str(&cased);
}
