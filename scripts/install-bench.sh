#!/bin/sh
# Install the benchmark's baselines (textacy, newspaper4k) into the project's virtualenv, pinned.
# newspaper4k 0.9.6 declares python-dateutil<3, while storyline pins 4.0.0 for dateparser and
# htmldate; its Article.parse() runs unchanged on 4.0.0, so it goes in without its declared
# dependencies, which come from requirements-bench.lock instead.
set -e
BIN=${1:-.venv/bin}
"$BIN/pip" install --quiet --disable-pip-version-check -c requirements.lock -r requirements-bench.lock
"$BIN/pip" install --quiet --disable-pip-version-check --no-deps newspaper4k==0.9.6
