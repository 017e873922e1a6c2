# strata — top-level entry points. Everything goes through scripts/bootstrap first.
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all build test bootstrap configure clean demo bench fuzz

all: build

bootstrap:
	@scripts/bootstrap

$(BUILD_DIR)/build.ninja: | bootstrap
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS)

configure: bootstrap $(BUILD_DIR)/build.ninja

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

clean:
	rm -rf $(BUILD_DIR)

# The MovieLens pipeline needs the execution engine (run/build/seed/test/snapshot), which
# is not built yet; say so instead of pretending.
demo:
	@echo "make demo: not available yet. The MovieLens pipeline (examples/movielens) needs strata's" >&2
	@echo "execution engine, which is the next piece of work. What runs today: see README.md." >&2
	@exit 2
