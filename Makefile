# Thin wrapper: installs what is missing, then CMake and ctest do the work.
BUILD_DIR  ?= build
BUILD_TYPE ?= RelWithDebInfo
WERROR     ?= OFF
JOBS       ?= 2
APP        := $(BUILD_DIR)/app/ai-resilience-monitor
LUPDATE    ?= $(shell qtpaths6 --query QT_HOST_BINS 2>/dev/null || echo /usr/lib/qt6/bin)/lupdate
LANGUAGES  := de en
ARGS       ?=

.PHONY: deps configure build run test bench memcheck format clean translations

deps:
	@bash packaging/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DAIRM_WERROR=$(WERROR) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j$(JOBS)

# The window when a display is present, the headless service otherwise.
run: build
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then exec $(APP) $(ARGS); else exec $(APP) --headless $(ARGS); fi

# The storage and API suites also run against a throwaway PostgreSQL cluster on 127.0.0.1 (they skip, saying
# so, when it cannot start).
test: build
	@pg_url="$${AIRM_TEST_PG_URL:-$$(bash tests/support/start-test-postgres.sh || true)}"; \
	  if [ -z "$$pg_url" ]; then echo "make test: PostgreSQL not available, its cases will be skipped"; fi; \
	  cd $(BUILD_DIR) && AIRM_TEST_PG_URL="$$pg_url" QT_QPA_PLATFORM=offscreen \
	  ctest --output-on-failure -j$(JOBS) --timeout 300

bench: build
	@for b in $(BUILD_DIR)/tests/benchmarks/bench_*; do [ -x "$$b" ] && "$$b"; done

# The API's connection handling (clients leaving at every stage, shutdown with requests in flight, the guard's
# limits, every seed endpoint, the WebSocket stream) under valgrind memcheck: any invalid access or definite
# leak fails. Not part of `make test` (valgrind makes these suites about ten times slower).
MEMCHECK_SUITES ?= tst_apiload tst_apiguard tst_apiseed tst_apievents
memcheck: build
	@command -v valgrind >/dev/null || { echo "make memcheck: valgrind is not installed (apt-get install valgrind)"; exit 2; }
	@for t in $(MEMCHECK_SUITES); do \
	  echo "memcheck: $$t"; \
	  QT_QPA_PLATFORM=offscreen valgrind -q --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite \
	    $(BUILD_DIR)/tests/$$t -silent || exit 1; \
	done

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

# Refreshes translations/*.ts from the tr() calls in ui/, app/ and core/settings/ (the keychain's messages); a build only compiles them (lrelease). The
# English file holds just the plural forms of the English source text, the others every string.
translations:
	@for lang in $(LANGUAGES); do \
	  if [ "$$lang" = en ]; then only=-pluralonly; else only=; fi; \
	  $(LUPDATE) -no-obsolete -locations none -source-language en -target-language $$lang $$only ui app core/settings \
	    -ts translations/ai-resilience-monitor_$$lang.ts || exit 1; \
	done

clean:
	@rm -rf $(BUILD_DIR)
