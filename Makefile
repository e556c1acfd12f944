# Thin wrapper: installs what is missing, then CMake and ctest do the work.
BUILD_DIR  ?= build
BUILD_TYPE ?= RelWithDebInfo
WERROR     ?= OFF
JOBS       ?= 2
APP        := $(BUILD_DIR)/app/ai-resilience-monitor
ARGS       ?=

.PHONY: deps configure build run test bench format clean

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

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	@rm -rf $(BUILD_DIR)
