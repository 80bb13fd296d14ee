#!/usr/bin/env python3
"""Regenerates regress.json and emulation.json from the acceptance suite.

Usage: python3 import.py PATH/TO/shared/acceptance

Inputs are stored as the bytes the pane receives (the pty's ONLCR applied),
run-length encoded so the megabyte-long malformed cases stay small.
"""
import json
import os
import subprocess
import sys

acc = sys.argv[1]
sys.path.insert(0, acc)
from harness import cases as casemod  # noqa: E402
from harness.emulation import printf_unescape  # noqa: E402


def onlcr(b):
    return b.replace(b"\n", b"\r\n")


def segments(b):
    """[[hex, repeat], ...]: long runs of one byte collapse."""
    out, i = [], 0
    lit = bytearray()
    while i < len(b):
        j = i
        while j < len(b) and b[j] == b[i]:
            j += 1
        if j - i >= 64:
            if lit:
                out.append([lit.hex(), 1])
                lit = bytearray()
            out.append([b[i:i + 1].hex(), j - i])
        else:
            lit += b[i:j]
        i = j
    if lit:
        out.append([lit.hex(), 1])
    return out


regress = json.load(open(os.path.join(acc, "data", "tmux-regress.json")))
out = []
for c in regress["cases"]:
    if "printf" in c:
        payload = printf_unescape(c["printf"])
    else:
        cmd = c["cmd"].rsplit(";", 1)[0]
        payload = subprocess.run(["sh", "-c", cmd], capture_output=True, check=True).stdout
    out.append({
        "name": "%s-%s" % (c["file"].replace("input-", ""), c["name"]),
        "width": c["width"], "height": c["height"],
        "input": segments(onlcr(payload)),
        "expect": c.get("expect"),
        "cursor": c.get("cursor"),
    })
with open("regress.json", "w") as fh:
    json.dump({"source": regress["source"], "license": regress["license"], "cases": out}, fh, indent=0)

golden = json.load(open(os.path.join(acc, "data", "golden", "emulation.json")))
out = []
for name, seq, w, h in casemod.CASES:
    plain, escaped = golden[name]
    out.append({"name": name, "width": w, "height": h, "input": segments(onlcr(seq)),
                "plain": plain, "escaped": escaped})
with open("emulation.json", "w") as fh:
    json.dump({"source": "tmux 3.3a capture-pane -p / -p -e", "cases": out}, fh, indent=0)
