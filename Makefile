# The two commands a user needs: `make demo` and `make test`. Both install what
# is missing (scripts/bootstrap.sh), configure once and build incrementally.
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)

.PHONY: all bootstrap build test demo format clean sanitize sanitize-build sanitize-test fuzz

all: build

bootstrap:
	@scripts/bootstrap.sh

$(BUILD_DIR)/build.ninja:
	@scripts/bootstrap.sh
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: bootstrap $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

# Findings (exit 1) are the point of the demo; only errors (exit 2) fail it.
demo: build
	@$(BUILD_DIR)/blastwall check examples/incidents || [ $$? -eq 1 ]

format:
	clang-format -i $$(git ls-files '*.h' '*.cc')

clean:
	rm -rf $(BUILD_DIR) $(SANITIZE_DIR)

# The sanitizer and fuzz build (docs/FUZZING.md): one clang build with
# ASan+UBSan everywhere and libFuzzer's instrumentation in every library.
# `make sanitize` builds it, runs the whole suite under the sanitizers (a
# sanitizer report exits 86), then every fuzz target for FUZZ_SECONDS from
# its seeds. CI runs it after `make test`. Assertions stay on (no NDEBUG).
SANITIZE_DIR ?= build-sanitize
FUZZ_SECONDS ?= 60
SANITIZE_FLAGS ?= -O1 -gline-tables-only

$(SANITIZE_DIR)/build.ninja:
	@scripts/bootstrap.sh sanitize
	CC=clang CXX=clang++ cmake -S . -B $(SANITIZE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  "-DCMAKE_C_FLAGS_RELWITHDEBINFO=$(SANITIZE_FLAGS)" "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=$(SANITIZE_FLAGS)" \
	  -DBW_SANITIZE=ON -DBW_FUZZ=ON

sanitize-build: $(SANITIZE_DIR)/build.ninja
	@scripts/bootstrap.sh sanitize
	cmake --build $(SANITIZE_DIR) -j $(JOBS)

sanitize-test: sanitize-build
	ctest --test-dir $(SANITIZE_DIR) --output-on-failure -j $(JOBS)

fuzz: sanitize-build
	scripts/fuzz.sh $(SANITIZE_DIR) $(FUZZ_SECONDS)

sanitize: sanitize-test fuzz
