#!/usr/bin/env bash
# Installs what preclear needs on Debian 12 (bookworm), idempotently, then fetches Debian's
# ICU source for the wasm build into third_party/. Safe to run as often as you like.
set -euo pipefail
cd "$(dirname "$0")/.."

PKGS=(g++ cmake make libicu-dev icu-devtools nlohmann-json3-dev libboost-test-dev
      emscripten nodejs dpkg-dev chromium ca-certificates)

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# The ICU source package needs a deb-src entry; derive one from the deb entry if none exists.
ensure_deb_src() {
  if grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ 2>/dev/null || \
     grep -qs '^deb-src ' /etc/apt/sources.list 2>/dev/null; then
    return 1
  fi
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
      | $SUDO tee /etc/apt/sources.list.d/preclear-deb-src.sources >/dev/null
  elif [ -f /etc/apt/sources.list ]; then
    grep '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' \
      | $SUDO tee /etc/apt/sources.list.d/preclear-deb-src.list >/dev/null
  else
    echo "setup: no apt source list found to derive a deb-src entry from" >&2
    exit 2
  fi
  return 0
}

need_update=0
if ensure_deb_src; then need_update=1; fi
if [ ${#missing[@]} -gt 0 ]; then need_update=1; fi
ICU_DIR=third_party/icu
if [ ! -f "$ICU_DIR/source/common/unicode/uversion.h" ]; then need_update=1; fi

if [ $need_update -eq 1 ]; then
  echo "setup: apt-get update"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# ICU source for the wasm build: Debian's package with its patches applied (same code as libicu72).
if [ ! -f "$ICU_DIR/source/common/unicode/uversion.h" ]; then
  echo "setup: fetching Debian's ICU source"
  rm -rf third_party/dl "$ICU_DIR"
  mkdir -p third_party/dl
  (cd third_party/dl && apt-get source --download-only -qq icu)
  dsc=$(ls third_party/dl/icu_*.dsc | head -n1)
  dpkg-source --no-check -x "$dsc" "$ICU_DIR" >/dev/null
  test -f "$ICU_DIR/source/common/unicode/uversion.h"
fi
echo "setup: ok"
