# The two commands of the README: `make demo` and `make test`. Both install what is missing
# (scripts/setup.sh, idempotent), then build. Everything else is a plain CMake preset.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export NODE_PATH := /usr/share/nodejs
PORT ?= 8080
AS_OF ?=

.PHONY: all setup native native-debug wasm build test test-native test-native-debug test-wasm \
        test-node demo sample fingerprints clean

all: build

setup:
	@bash scripts/setup.sh

native: setup
	cmake --preset native >/dev/null
	cmake --build --preset native

native-debug: setup
	cmake --preset native-debug >/dev/null
	cmake --build --preset native-debug

wasm: setup
	cmake --preset wasm >/dev/null
	cmake --build --preset wasm

build: native wasm

test-native: native
	ctest --preset native

test-native-debug: native-debug
	ctest --preset native-debug

test-wasm: wasm
	ctest --preset wasm

# Node's test runner: the JS API on the wasm build, native-vs-wasm parity, the page in Chromium.
test-node: native wasm
	node --test tests/wasm/ tests/parity/ tests/cli/ tests/quality/ tests/golden/ tests/landed/ tests/browser/

test: test-native test-native-debug test-wasm test-node
	@echo "make test: all suites passed"

sample: native
	@echo "== preclear validate web/demo/sample-declarations.ndjson"
	@build/native/bin/preclear validate web/demo/sample-declarations.ndjson $(if $(AS_OF),--as-of $(AS_OF)) || \
	  echo "(exit status $$?: some declarations have error problems, as the sample intends)"

demo: build sample
	@echo
	@echo "== starting the demo server; open http://127.0.0.1:$(PORT)/ (Ctrl-C stops it)"
	build/native/bin/preclear serve --port $(PORT)

# Refresh the committed pack ledger after changing datasets/ (a test fails while it is stale).
fingerprints: native
	cp build/native/fingerprints.csv datasets/fingerprints.csv
	@cat datasets/fingerprints.csv

clean:
	rm -rf build
