#!/usr/bin/env bash
# Make the README's pictures again from what rmux really draws:
#
#     assets/pictures/make.sh [path/to/rmux]      (default: target/release/rmux)
#
# It builds nothing. rmux runs attached inside a tmux of a fixed size (a private
# server, no configuration, no status line of its own), keys are typed into it with
# `tmux send-keys`, and once the screen shows what the scene is about, tmux's
# `capture-pane -e` (the terminal as the user sees it: rmux's borders, status line,
# colours) is written to <scene>.ansi and drawn by render.py into <scene>.svg.
#
# Everything runs in a private directory (HOME, RMUX_TMPDIR, TMUX_TMPDIR), so neither
# the user's servers nor configuration are touched. Needs tmux, curl, python3 with
# flask, and the port below free.
#
# What would differ between two runs is made fixed, so a rerun writes the same files:
#   - rmux's status-right (host name, clock) is a fixed string (pictures.conf);
#   - the times in flask's log are set to 12:00:00 on 5 Dec 2026 and the demo app's
#     "up for" to 0:00:05, by the sed in normalise() below; the rest is as printed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
rmux=${1:-target/release/rmux}
if [[ ! -x $rmux ]]; then
    echo "make.sh: no rmux binary at $rmux (build it: cargo build --release)" >&2
    exit 1
fi
rmux=$(cd "$(dirname "$rmux")" && pwd)/$(basename "$rmux")

COLS=120
ROWS=24
PORT=5077
DEADLINE=20 # seconds any one wait may take

for tool in tmux curl python3; do
    command -v "$tool" >/dev/null || { echo "make.sh: $tool is needed" >&2; exit 1; }
done
python=$(python3 -c 'import sys; print(sys.executable)')
"$python" -c 'import flask' 2>/dev/null ||
    { echo "make.sh: flask is needed (pip install -r assets/demo/requirements.txt)" >&2; exit 1; }
if curl -s -o /dev/null "localhost:$PORT"; then
    echo "make.sh: something already answers on port $PORT" >&2
    exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/rmux-pictures.XXXXXX")
mkdir -p "$work/home" "$work/bin" "$work/rmux" "$work/tmux"
# The shell in every pane: a prompt with no user, host or directory in it, and flask
# found by the name the README types (the environment below is cleared, and a login
# shell's profile sets PATH again, so it is put back here).
cat >"$work/home/.bashrc" <<EOF
PS1='\$ '
PROMPT_COMMAND=
unset HISTFILE
PATH="$work/bin:\$PATH"
EOF
echo '. ~/.bashrc' >"$work/home/.bash_profile"
printf '#!/bin/sh\nexec "%s" -m flask "$@"\n' "$python" >"$work/bin/flask"
chmod +x "$work/bin/flask"

vars=(
    HOME="$work/home" RMUX_TMPDIR="$work/rmux" TMUX_TMPDIR="$work/tmux"
    PATH="$work/bin:/usr/local/bin:/usr/bin:/bin" SHELL=/bin/bash LANG=C.UTF-8
    PYTHONDONTWRITEBYTECODE=1 # no __pycache__ left beside the demo app
)
outer() { env -i "${vars[@]}" tmux -L pictures -f /dev/null "$@"; }
inner() { env -i "${vars[@]}" "$rmux" "$@"; }

cleanup() {
    inner kill-server >/dev/null 2>&1 || true
    outer kill-server >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

# The outer terminal's screen as text.
screen() { outer capture-pane -p -t scene; }

# wait_for <what> <command…>: run the command until it succeeds, or give up.
wait_for() {
    local what=$1 end=$((SECONDS + DEADLINE))
    shift
    until "$@"; do
        if ((SECONDS > end)); then
            echo "make.sh: gave up waiting for $what; the screen was:" >&2
            screen >&2 || true
            exit 1
        fi
        sleep 0.1
    done
}
shows() { screen | grep -qE -- "$1"; }

type_line() {
    outer send-keys -t scene -l "$1"
    outer send-keys -t scene Enter
}

# rmux attached in a fresh outer terminal of COLS x ROWS, in the repository (the
# README's commands use paths relative to it).
start() {
    outer start-server \; set -g default-terminal tmux-256color \; set -g status off \; \
        new-session -d -s scene -x "$COLS" -y "$ROWS" -c "$repo" \
        "exec '$rmux' -f '$here/pictures.conf' new -s belajar"
    wait_for "rmux's status line" shows '^\[belajar\] 0:bash\*'
    wait_for "the prompt" shows '^\$ ?$'
}

stop() {
    inner kill-server >/dev/null 2>&1 || true
    outer kill-server >/dev/null 2>&1 || true
}

# Make the varying parts of flask's log fixed (see the top of this file):
#   [05/Dec/2026 12:49:47]      werkzeug's request log
#   [2026-12-05 12:49:47,613]   flask's app.logger
#   up for 0:00:02              the demo app's uptime (one-digit hours: not a clock;
#                               the capture may wrap it onto the next line)
normalise() {
    sed -E \
        -e 's#\[[0-9]{2}/[A-Z][a-z]{2}/[0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2}\]#[05/Dec/2026 12:00:00]#g' \
        -e 's#\[[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2},[0-9]{3}\]#[2026-12-05 12:00:00,000]#g' \
        -e 's#(^|[^0-9])[0-9]:[0-9]{2}:[0-9]{2}([^0-9]|$)#\10:00:05\2#g'
}

capture() {
    local scene=$1
    # -N keeps each row's trailing spaces, so every row is COLS wide.
    outer capture-pane -e -p -N -t scene | normalise >"$here/$scene.ansi"
    python3 "$here/render.py" "$here/$scene.ansi" >"$here/$scene.svg"
    echo "wrote assets/pictures/$scene.ansi and $scene.svg"
}

# The README's story: flask in a pane, split, curl beside it.
scene_split() {
    start
    type_line "flask --app assets/demo/app.py run --port $PORT"
    wait_for "flask to listen" shows 'Press CTRL\+C to quit'
    outer send-keys -t scene C-b %
    wait_for "the right pane's prompt" shows '│\$ ?$'
    local n
    for n in 1 2; do
        type_line "curl -s localhost:$PORT"
        wait_for "answer $n" shows "│Halo! request $n,"
        wait_for "flask's log of request $n" \
            eval "[[ \$(screen | grep -c 'GET / HTTP/1.1\" 200') -ge $n ]]"
    done
    wait_for "the prompt after curl" eval "screen | grep -A1 '│Halo! request 2,' | grep -qE '│\\\$ ?\$'"
    # The window is named after what runs in the active pane: bash again, once curl
    # has finished.
    wait_for "the window's name" shows '^\[belajar\] 0:bash\*'
    capture split
    stop
}

# Copy mode: search a log up for a word (C-r, emacs keys: the default); every match
# on the screen is highlighted.
scene_search() {
    start
    type_line 'seq 60 | awk '\''{print "request " $1 ": GET /item/" $1 " " ($1 % 7 ? 200 : 404)}'\'
    wait_for "the log" shows '^request 60: GET /item/60 200'
    wait_for "the prompt after the log" shows '^\$ ?$'
    outer send-keys -t scene C-b [
    wait_for "copy mode" shows '\[0/[0-9]+\]'
    outer send-keys -t scene C-r
    wait_for "the search prompt" shows '\(search up\)'
    outer send-keys -t scene -l 404
    # The search runs as each character is typed: wait for the whole word, then for
    # the prompt to go with Enter, so the highlights are those of "404", not "4".
    wait_for "the word typed" shows '\(search up\) 404'
    outer send-keys -t scene Enter
    wait_for "the search's result" eval "! screen | grep -q '(search up)' && shows '\([0-9]+ results\)'"
    capture search
    stop
}

scene_split
scene_search
