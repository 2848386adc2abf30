# The two commands a user needs: `make demo` and `make test`. Both install what
# is missing (scripts/bootstrap.sh), configure once and build incrementally.
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)

.PHONY: all bootstrap build test demo format clean

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
	rm -rf $(BUILD_DIR)
