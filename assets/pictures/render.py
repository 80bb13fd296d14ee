#!/usr/bin/env python3
"""Render a terminal capture with SGR escapes as an SVG picture of that terminal.

    python3 assets/pictures/render.py split.ansi > split.svg

The input is what `tmux capture-pane -e -p` prints: one line per row, text and SGR
sequences (bold, dim, italic, underline, reverse, hidden, strikethrough; 16, 256 and RGB
colours; default foreground and background). Other escape sequences are skipped.

The output depends on the input alone (no time, no fonts measured, integers only), so
a test can compare it with the committed picture byte for byte. Standard library only.
"""

import sys
import unicodedata

# One cell, in pixels: 0.6 of the font size is the advance of common monospace fonts.
CELL_W = 9
CELL_H = 18
FONT_SIZE = 15
BASELINE = 14
PAD = 12
# A family that exists first: librsvg takes the first name as fontconfig resolves it, and
# an unknown one (ui-monospace) resolves to a proportional font there.
FONT = "'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace"

# A dark theme: the default colours, then xterm's 16 colours.
DEFAULT_FG = (0xD0, 0xD0, 0xD0)
DEFAULT_BG = (0x1C, 0x1C, 0x1C)
ANSI16 = [
    (0x00, 0x00, 0x00), (0xCD, 0x00, 0x00), (0x00, 0xCD, 0x00), (0xCD, 0xCD, 0x00),
    (0x00, 0x00, 0xEE), (0xCD, 0x00, 0xCD), (0x00, 0xCD, 0xCD), (0xE5, 0xE5, 0xE5),
    (0x7F, 0x7F, 0x7F), (0xFF, 0x00, 0x00), (0x00, 0xFF, 0x00), (0xFF, 0xFF, 0x00),
    (0x5C, 0x5C, 0xFF), (0xFF, 0x00, 0xFF), (0x00, 0xFF, 0xFF), (0xFF, 0xFF, 0xFF),
]


def palette(n):
    """xterm's 256 colours: 16 named, a 6x6x6 cube, 24 greys."""
    if n < 16:
        return ANSI16[n]
    if n < 232:
        n -= 16
        levels = [0, 95, 135, 175, 215, 255]
        return (levels[n // 36], levels[(n // 6) % 6], levels[n % 6])
    grey = 8 + 10 * (n - 232)
    return (grey, grey, grey)


class Style:
    """The attributes of one cell; colours are None (the default) or an (r, g, b)."""

    __slots__ = ("fg", "bg", "bold", "dim", "italic", "underline", "reverse",
                 "hidden", "strike")

    def __init__(self):
        self.fg = None
        self.bg = None
        self.bold = self.dim = self.italic = self.underline = False
        self.reverse = self.hidden = self.strike = False

    def copy(self):
        s = Style()
        for k in Style.__slots__:
            setattr(s, k, getattr(self, k))
        return s

    def key(self):
        return tuple(getattr(self, k) for k in Style.__slots__)


def extended_colour(params, i):
    """Read a 38/48/58 colour starting at params[i] (the 38); return (colour, next i).

    Both the `38;5;n` and the `38:5:n` / `38:2::r:g:b` spellings reach here: a
    colon-joined parameter arrives as one list of sub-parameters.
    """
    head = params[i]
    if len(head) > 1:
        sub = head[1:]
        nxt = i + 1
    else:
        sub = [p[0] for p in params[i + 1:]]
        nxt = None
    if not sub:
        return None, i + 1
    if sub[0] == 5 and len(sub) >= 2:
        colour = palette(max(0, min(255, sub[1])))
        return colour, nxt if nxt is not None else i + 3
    if sub[0] == 2:
        # The colon form may carry a colour-space id before r, g, b.
        rgb = sub[1:4] if nxt is None or len(sub) == 4 else sub[2:5]
        if len(rgb) == 3:
            colour = tuple(max(0, min(255, c)) for c in rgb)
            return colour, nxt if nxt is not None else i + 5
    return None, nxt if nxt is not None else len(params)


# SGR parameters that turn one attribute on, and those that turn attributes off.
SGR_SETS = {1: "bold", 2: "dim", 3: "italic", 7: "reverse", 8: "hidden", 9: "strike",
            21: "underline"}
SGR_RESETS = {22: ("bold", "dim"), 23: ("italic",), 24: ("underline",),
              27: ("reverse",), 28: ("hidden",), 29: ("strike",)}


def apply_sgr(style, text):
    """Apply one SGR's parameter text (between ESC [ and m) to style."""
    params = []
    for part in (text.split(";") if text else ["0"]):
        sub = [int(x) if x.isdigit() else 0 for x in part.split(":")]
        params.append(sub)
    i = 0
    while i < len(params):
        p = params[i][0]
        if p == 0:
            style = Style()
        elif p == 4:
            # 4:0 is "no underline"; 4:1..4:5 are its kinds, drawn alike here.
            style.underline = len(params[i]) == 1 or params[i][1] != 0
        elif p in SGR_SETS:
            setattr(style, SGR_SETS[p], True)
        elif p in SGR_RESETS:
            for name in SGR_RESETS[p]:
                setattr(style, name, False)
        elif 30 <= p <= 37:
            style.fg = ANSI16[p - 30]
        elif p == 39:
            style.fg = None
        elif 40 <= p <= 47:
            style.bg = ANSI16[p - 40]
        elif p == 49:
            style.bg = None
        elif 90 <= p <= 97:
            style.fg = ANSI16[p - 90 + 8]
        elif 100 <= p <= 107:
            style.bg = ANSI16[p - 100 + 8]
        elif p in (38, 48, 58):
            colour, i = extended_colour(params, i)
            if p == 38 and colour is not None:
                style.fg = colour
            elif p == 48 and colour is not None:
                style.bg = colour
            # 58, the underline's colour, is not drawn.
            continue
        i += 1
    return style


def cell_width(ch):
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def skip_escape(line, i):
    """Index just past the escape sequence at line[i]."""
    if i + 1 >= len(line):
        return i + 1
    kind = line[i + 1]
    if kind == "[":
        j = i + 2
        while j < len(line) and not ("\x40" <= line[j] <= "\x7e"):
            j += 1
        return j + 1
    if kind == "]":
        # OSC: ends at BEL or ST.
        j = i + 2
        while j < len(line):
            if line[j] == "\x07":
                return j + 1
            if line[j] == "\x1b" and j + 1 < len(line) and line[j + 1] == "\\":
                return j + 2
            j += 1
        return j
    return i + 2


def parse_styled(data):
    """Rows of cells [text, Style, width], SGR applied as it comes."""
    rows = []
    lines = data.split("\n")
    # capture-pane ends its output with a newline: no row after it.
    if lines and lines[-1] == "":
        lines.pop()
    style = Style()
    for line in lines:
        cells = []
        i = 0
        while i < len(line):
            ch = line[i]
            if ch == "\x1b":
                end = skip_escape(line, i)
                if line.startswith("\x1b[", i) and line[end - 1] == "m":
                    body = line[i + 2:end - 1]
                    # A private-parameter SGR (ESC [ > ... m) is not a style.
                    if not body or body[0] in "0123456789;:":
                        style = apply_sgr(style.copy(), body)
                i = end
                continue
            if ord(ch) < 0x20 or ch == "\x7f":
                i += 1
                continue
            w = cell_width(ch)
            if w == 0:
                if cells:
                    cells[-1][0] += ch
            else:
                cells.append([ch, style, w])
            i += 1
        rows.append(cells)
    return rows


def hexc(rgb):
    return "#%02x%02x%02x" % rgb


def colours(style):
    """The (foreground, background) a cell is drawn with, and whether its
    background differs from the terminal's."""
    fg = style.fg or DEFAULT_FG
    bg = style.bg or DEFAULT_BG
    painted = style.bg is not None
    if style.reverse:
        fg, bg = bg, fg
        painted = True
    if style.dim:
        fg = tuple((f + b) // 2 for f, b in zip(fg, bg))
    return fg, bg, painted


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def runs(cells):
    """Consecutive cells of one style: (first column, width in cells, cells, style),
    where cells are (column, text) pairs."""
    out = []
    col = 0
    for text, style, w in cells:
        if out and out[-1][3].key() == style.key():
            out[-1][1] += w
            out[-1][2].append((col, text))
        else:
            out.append([col, w, [(col, text)], style])
        col += w
    return out


def pieces(cells, keep_blanks):
    """A run cut where the grid must hold: at blanks (dropped unless a line is drawn
    under or through them) and around wide characters. Each piece is placed at its
    first cell's x, so a font whose advance is not exactly CELL_W drifts at most
    within a word, and never pushes a border or the next word off its cell; this
    holds in renderers that take only one x per text element."""
    out = []
    for col, text in cells:
        if text == " " and not keep_blanks:
            continue
        wide = cell_width(text[0]) == 2
        last = out[-1] if out else None
        if last and not last[2] and not wide and last[0] + len(last[1]) == col:
            last[1].append(text)
        else:
            out.append([col, [text], wide])
    return [(col, "".join(texts)) for col, texts, _wide in out]


def piece(col, text, attrs):
    return '<tspan x="%d"%s>%s</tspan>' % (
        PAD + col * CELL_W, " " + attrs if attrs else "", escape(text))


def render(data):
    rows = parse_styled(data)
    cols = max((sum(c[2] for c in r) for r in rows), default=0)
    width = 2 * PAD + cols * CELL_W
    height = 2 * PAD + len(rows) * CELL_H
    out = [
        '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
        'viewBox="0 0 %d %d" xml:space="preserve">' % (width, height, width, height),
        '<rect width="100%%" height="100%%" rx="6" fill="%s"/>' % hexc(DEFAULT_BG),
        '<g font-family="%s" font-size="%d" fill="%s" style="white-space:pre">'
        % (FONT, FONT_SIZE, hexc(DEFAULT_FG)),
    ]
    for y, cells in enumerate(rows):
        top = PAD + y * CELL_H
        line_runs = runs(cells)
        # Backgrounds first, one rect per stretch of one colour.
        rects = []
        for first, w, _text, style in line_runs:
            _fg, bg, painted = colours(style)
            if not painted:
                continue
            if rects and rects[-1][2] == bg and rects[-1][0] + rects[-1][1] == first:
                rects[-1] = (rects[-1][0], rects[-1][1] + w, bg)
            else:
                rects.append((first, w, bg))
        for first, w, bg in rects:
            out.append('<rect x="%d" y="%d" width="%d" height="%d" fill="%s"/>'
                       % (PAD + first * CELL_W, top, w * CELL_W, CELL_H, hexc(bg)))
        spans = []
        for _first, _w, run, style in line_runs:
            if style.hidden:
                continue
            parts = pieces(run, style.underline or style.strike)
            if not parts:
                continue
            fg, _bg, _painted = colours(style)
            attrs = []
            if fg != DEFAULT_FG:
                attrs.append('fill="%s"' % hexc(fg))
            if style.bold:
                attrs.append('font-weight="bold"')
            if style.italic:
                attrs.append('font-style="italic"')
            decorations = [d for d, on in (("underline", style.underline),
                                           ("line-through", style.strike)) if on]
            if decorations:
                attrs.append('text-decoration="%s"' % " ".join(decorations))
            style_attrs = " ".join(attrs)
            if len(parts) == 1:
                # One piece carries the style itself.
                col, text = parts[0]
                spans.append(piece(col, text, style_attrs))
            elif not attrs:
                spans.extend(piece(col, text, "") for col, text in parts)
            else:
                spans.append("<tspan %s>%s</tspan>" % (
                    style_attrs, "".join(piece(col, text, "") for col, text in parts)))
        if spans:
            out.append('<text y="%d">%s</text>'
                       % (top + BASELINE, "".join(spans)))
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: render.py <capture.ansi>  (the SVG goes to stdout)\n")
        return 2
    try:
        with open(argv[1], encoding="utf-8", errors="replace") as f:
            data = f.read()
    except OSError as e:
        sys.stderr.write("render.py: %s\n" % e)
        return 1
    sys.stdout.write(render(data))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
