"""A tiny web app for rmux's story: run it in a pane, detach, and it keeps answering.

    flask --app assets/demo/app.py run

Each request is logged (flask prints a line per request too), so what the pane shows
after `rmux attach` tells that it kept running while nobody watched.
"""

import datetime

from flask import Flask

app = Flask(__name__)
started = datetime.datetime.now()
hits = 0


@app.route("/")
def index():
    global hits
    hits += 1
    up = datetime.datetime.now() - started
    app.logger.warning("request %d, up for %s", hits, str(up).split(".")[0])
    return f"Halo! request {hits}, up for {str(up).split('.')[0]}\n"
