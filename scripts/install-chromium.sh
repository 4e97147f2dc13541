#!/bin/sh
# Install what the browser tests need beyond Python packages: Debian's chromium (driven by
# playwright through executable_path; playwright's own browser download does not work
# everywhere), fonts covering Cyrillic and Hangul, so that Дунай and 나진 do not print as boxes,
# tesseract, which reads the PNGs back in a test (can a reader find the place names?), and
# poppler-utils, whose pdftoppm turns a deck's PDF pages into PNGs for that test.
# Does nothing when they are already there. In CI (CI=true) a failed install is an error;
# elsewhere it is a warning and the browser tests skip, saying why.
set -u
have_fonts() { command -v fc-list >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; }
if command -v chromium >/dev/null 2>&1 && have_fonts && command -v tesseract >/dev/null 2>&1 \
   && command -v pdftoppm >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
# Another apt (an unattended upgrade, a second install) may hold the dpkg lock: wait for it,
# a bounded time (each apt call waits up to 2 min for the lock; 5 tries, 15 s apart), rather
# than give up at once and leave the browser tests to skip.
if command -v apt-get >/dev/null 2>&1; then
  tries=0
  while [ "$tries" -lt 5 ]; do
    tries=$((tries + 1))
    if $SUDO apt-get -o DPkg::Lock::Timeout=120 update -qq \
       && DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=120 install -y -qq \
            chromium fonts-noto-cjk tesseract-ocr poppler-utils >/dev/null; then
      exit 0
    fi
    echo "install-chromium: apt-get failed (try $tries of 5); trying again in 15 s" >&2
    sleep 15
  done
fi
echo "install-chromium: could not install chromium, fonts-noto-cjk, tesseract-ocr and poppler-utils with apt-get;" \
     "install Chromium yourself and set ROUTES_CHROMIUM=/path/to/chromium" >&2
if [ "${CI:-}" = "true" ]; then exit 1; fi
exit 0
