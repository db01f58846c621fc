# Deep Learning Lab — the commands.
#   make course   install what is missing, build in release, run every chapter, write Figures/
#   make test     install what is missing, build (warnings are errors outside Exercises/), run the tests
#   make bench    install what is missing, build in release, run the benchmarks (+ NumPy peers)
#   make deps     install the apt packages that are missing (nothing else)
#   make fuzz     fuzz the IDX/gzip reader with libFuzzer for FUZZ_SECONDS (default 60)

SWIFT ?= swift
WERROR := -Xswiftc -warnings-as-errors

.PHONY: deps test course bench format lint fuzz

deps:
	@bash scripts/deps.sh

# Warnings are errors in the project's own targets (Package.swift sets it per target), but
# not in the student's exercise files: a warning in a solution never turns `make test` red.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-swift-testing

course: deps
	$(SWIFT) build -c release $(WERROR)
	.build/release/course $(COURSE_FLAGS)

bench: deps
	$(SWIFT) build -c release $(WERROR) --product bench
	bash scripts/bench.sh

fuzz:
	bash scripts/fuzz.sh

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Chapters Exercises Tests

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Chapters Exercises Tests
