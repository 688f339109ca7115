# A thin wrapper over CMake. `make run` and `make test` install what is missing on a fresh Debian machine.
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 600
FUZZ_JOBS ?= 1
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=
EXAMPLE ?= editors/example.py

# Debian packages the build and the tests need (checked one by one; only the missing ones are installed).
APT_PACKAGES := build-essential cmake pkg-config git python3 libcjson-dev libcmark-dev libtree-sitter-dev \
                clang clang-format libclang-rt-14-dev valgrind
# npm may come from Debian or with another Node.js build: only its command is checked.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps configure build run test test-unit asan fuzz install vsix format clean help bench bench-peers

all: build

help:
	@echo "make run      install what is missing, build, and show pymm on $(EXAMPLE)"
	@echo "make test     install what is missing, build, run every test (also under ASan + UBSan)"
	@echo "make build    build into $(BUILD)/"
	@echo "make asan     build into $(ASAN_BUILD)/ with AddressSanitizer + UBSan and run the tests there"
	@echo "make fuzz     fuzz each harness of tests/fuzz for FUZZ_SECONDS (default 600) in $(FUZZ_BUILD)/"
	@echo "make install  install pymm and its guide (PREFIX=/usr/local)"
	@echo "make bench    benchmarks against the budgets and the peers -> tests/bench/RESULTS.md (minutes)"
	@echo "make vsix     package the VS Code extension as $(BUILD)/pymm-vscode.vsix"
	@echo "make format   clang-format the C sources"

deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -q && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	fi

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

configure: deps $(BUILD)/CMakeCache.txt

build: configure
	cmake --build $(BUILD) -j $(JOBS)

run: build
	@echo "== pymm lookup deque"
	@$(BUILD)/pymm lookup deque
	@echo
	@echo "== pymm hover $(EXAMPLE):4:5   (lst.pop(0))"
	@$(BUILD)/pymm hover $(EXAMPLE):4:5
	@echo
	@echo "== pymm hover $(EXAMPLE):7:3   (q.popleft())"
	@$(BUILD)/pymm hover $(EXAMPLE):7:3
	@echo
	@echo "== pymm check --explain $(EXAMPLE)   (every gotcha rule, with its guide section)"
	@$(BUILD)/pymm check --explain $(EXAMPLE) || true
	@echo
	@echo "== pymm rule PMM101"
	@$(BUILD)/pymm rule PMM101

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	$(MAKE) asan
	$(MAKE) fuzz FUZZ_SECONDS=10 FUZZ_JOBS=$(JOBS)

# libFuzzer harnesses (tests/fuzz/), built with clang into $(FUZZ_BUILD)/: each replays its kept crash inputs,
# then fuzzes FUZZ_SECONDS (make test: 10 s each). The corpus grows in $(FUZZ_BUILD)/tests/fuzz/corpus/.
fuzz: deps
	@[ -f $(FUZZ_BUILD)/CMakeCache.txt ] || CC=clang cmake -S . -B $(FUZZ_BUILD) -DPYMM_FUZZ=ON
	cmake --build $(FUZZ_BUILD) --target fuzzers -j $(JOBS)
	cd $(FUZZ_BUILD) && PYMM_FUZZ_SECONDS=$(FUZZ_SECONDS) ctest --output-on-failure -L fuzz -j $(FUZZ_JOBS)

asan: deps
	@[ -f $(ASAN_BUILD)/CMakeCache.txt ] || cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DPYMM_SANITIZE=ON $(CMAKE_FLAGS)
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS) -LE "editors|valgrind"

install: build
	cmake --install $(BUILD) --prefix $(or $(PREFIX),/usr/local)

vsix:
	editors/vscode/build-vsix.sh $(BUILD)

format:
	clang-format -i $$(find server include tests -name '*.[ch]')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)

# Benchmarks (tests/bench/): a Release build of its own, the peers installed where missing (a peer that cannot
# be installed is reported as such in the table), then the driver writes tests/bench/RESULTS.md.
BENCH_BUILD ?= build-bench
BENCH_CACHE ?= $(HOME)/.cache/pymm-bench
BENCH_FLAGS ?=

bench-peers:
	@missing=""; for p in python3-pylsp pylint; do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  { $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -q && \
	    $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; } || \
	  echo "bench: could not install$$missing; the table will say so"; \
	fi
	@if [ ! -x $(BENCH_CACHE)/node_modules/.bin/pyright-langserver ] || \
	    [ ! -d $(BENCH_CACHE)/node_modules/@astral-sh/ruff-wasm-nodejs ]; then \
	  mkdir -p $(BENCH_CACHE) && npm install --prefix $(BENCH_CACHE) --no-audit --no-fund --silent \
	    pyright @astral-sh/ruff-wasm-nodejs || echo "bench: npm could not install the peers; the table will say so"; \
	fi

bench: deps bench-peers
	@[ -f $(BENCH_BUILD)/CMakeCache.txt ] || cmake -S . -B $(BENCH_BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)
	cmake --build $(BENCH_BUILD) -j $(JOBS) --target pymm bench_parse_only bench_feature_profile
	python3 tests/bench/bench.py --pymm $(BENCH_BUILD)/pymm --parse-only $(BENCH_BUILD)/tests/bench_parse_only \
	  --peers-dir $(BENCH_CACHE) --out tests/bench/RESULTS.md $(BENCH_FLAGS)
