#!/usr/bin/env bash
# Installs Debian's chromium for the report page test (src/report/report-page.test.ts)
# when /usr/bin/chromium is missing. Nothing downloads a browser build of its own:
# playwright-core only drives this one.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "chromium present: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
  exit 0
fi
sudo=''
[ "$(id -u)" -eq 0 ] || sudo='sudo'
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium
echo "installed: $(/usr/bin/chromium --version 2>/dev/null)"
