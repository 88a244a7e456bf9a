# The README's two commands. `make run` and `make test` install what is
# missing (Debian packages), build, and run; nothing else is needed on a
# fresh Debian 12 machine. `make` alone only builds.

# To build, and every program the tests run beyond a minimal Debian 12
# (debootstrap --variant=minbase): pkill is procps', less is the
# benchmarks' floor. debian/control's Build-Depends say the same.
DEBS = meson ninja-build gcc pkg-config libncurses-dev ncurses-base \
       libsqlite3-dev sqlite3 libiniparser-dev libcmocka-dev libvterm-dev \
       nettle-dev mandoc jq tzdata less procps python3-jsonschema
# The zsh completion test runs the installed function in zsh.
DEBS += zsh
# make deb only: debhelper builds the package (with meson; dpkg-buildpackage
# wants build-essential), lintian checks it.
DEB_DEBS = build-essential debhelper dpkg-dev lintian
# make fuzz only: clang, and libFuzzer's runtime, which clang-14 merely
# recommends (libclang-rt-14-dev); llvm-14 symbolizes the stack traces.
FUZZ_DEBS = clang libclang-rt-14-dev llvm-14

BUILD = build
TESTED = build-test
SANITIZED = build-san
FUZZED = build-fuzz
BENCHED = build-bench
# make bench BENCH_SIZES=1000 BENCH_RUNS=3: a quicker look.
BENCH_SIZES = 10000,100000
BENCH_RUNS = 5

# make fuzz: seconds each target runs, and which targets.
FUZZ_TIME ?= 60
FUZZ_TARGETS ?= sanitize editor time ini definition config import
# The targets write their input to a file each run: memory is faster.
FUZZ_TMPDIR ?= $(shell [ -w /dev/shm ] && echo /dev/shm || echo /tmp)

.PHONY: all deps fuzz-deps install-debs build run test deb fuzz bench stress clean

all: build

# Installs only the packages that are missing, as root or through sudo.
deps:
	@$(MAKE) --no-print-directory install-debs PACKAGES="$(DEBS)"

fuzz-deps: deps
	@$(MAKE) --no-print-directory install-debs PACKAGES="$(FUZZ_DEBS)"

install-debs:
	@missing=""; \
	for p in $(PACKAGES); do \
		dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing:$$missing"; \
		if [ "$$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi; \
		$$sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(BUILD)/build.ninja:
	meson setup $(BUILD) -Dwerror=true

$(TESTED)/build.ninja:
	meson setup $(TESTED) -Dwerror=true -Dtest_clock=true

# The fuzz targets, instrumented for libFuzzer, under ASan and UBSan.
$(FUZZED)/build.ninja:
	CC=clang meson setup $(FUZZED) -Dwerror=true -Dfuzz=true -Db_sanitize=address,undefined \
		-Db_lundef=false -Dc_args=-fno-sanitize-recover=all

$(SANITIZED)/build.ninja:
	meson setup $(SANITIZED) -Dwerror=true -Dtest_clock=true -Db_sanitize=address,undefined \
		-Db_lundef=false -Dc_args=-fno-sanitize-recover=all

$(BENCHED)/build.ninja:
	meson setup $(BENCHED) --buildtype=release -Dwerror=true

# Builds only: no package is installed (make run and make test do that).
build: $(BUILD)/build.ninja
	ninja -C $(BUILD)

# The build is not installed: it reads the sample plan from this tree.
run: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)
	SIRT_DATA_DIR=$(CURDIR) ./$(BUILD)/sirt

# Every test twice: a plain build, then under ASan and UBSan. Both are
# test builds (they honour SIRT_TEST_NOW, the builds users run do not).
# Both suites run to the end; the last line counts both, and any failure
# fails make.
test: deps $(TESTED)/build.ninja $(SANITIZED)/build.ninja
	@rc=0; \
	ninja -C $(TESTED) || exit 1; \
	meson test -C $(TESTED) --print-errorlogs || rc=1; \
	ninja -C $(SANITIZED) || exit 1; \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
		meson test -C $(SANITIZED) --print-errorlogs || rc=1; \
	sh tests/summary.sh $(TESTED) $(SANITIZED) || rc=1; \
	exit $$rc

# The Debian package, from debian/ (debhelper with meson; its tests run
# unless DEB_BUILD_OPTIONS=nocheck), into the directory above this one,
# as dpkg-buildpackage does; lintian must find no error and no warning.
deb: deps
	@$(MAKE) --no-print-directory install-debs PACKAGES="$(DEB_DEBS)"
	dpkg-buildpackage -us -uc -b
	lintian --fail-on error,warning --info \
		../sirt_$$(dpkg-parsechangelog -S Version)_$$(dpkg --print-architecture).changes
	@echo "deb: ../sirt_$$(dpkg-parsechangelog -S Version)_$$(dpkg --print-architecture).deb"

# Runs each fuzz target for FUZZ_TIME seconds, one after the other,
# starting from its corpus in tests/fuzz/corpus/. New inputs go to
# build-fuzz/corpus/<target> (the source corpus is left as it is); a
# crash, leak, hang (10 s) or broken property is saved under
# build-fuzz/artifacts/ and named at the end, and make fails.
fuzz: fuzz-deps $(FUZZED)/build.ninja
	ninja -C $(FUZZED) $(addprefix tests/fuzz/fuzz_,$(FUZZ_TARGETS))
	@failed=""; \
	for t in $(FUZZ_TARGETS); do \
		mkdir -p $(FUZZED)/corpus/$$t $(FUZZED)/artifacts; \
		dict=""; [ -f tests/fuzz/$$t.dict ] && dict="-dict=tests/fuzz/$$t.dict"; \
		echo "fuzz: $$t for $(FUZZ_TIME) s"; \
		tmp=$$(mktemp -d $(FUZZ_TMPDIR)/sirt-fuzz-run-XXXXXX); \
		TMPDIR=$$tmp SIRT_DATA_DIR=$(CURDIR) ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
		ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer \
		./$(FUZZED)/tests/fuzz/fuzz_$$t -max_total_time=$(FUZZ_TIME) -timeout=10 -rss_limit_mb=2048 \
			-print_final_stats=1 $$dict -artifact_prefix=$(FUZZED)/artifacts/$$t- \
			$(FUZZED)/corpus/$$t tests/fuzz/corpus/$$t \
			> $(FUZZED)/fuzz-$$t.log 2>&1 || failed="$$failed $$t"; \
		rm -rf "$$tmp"; \
		grep -E '^(Done|stat::new_units_added|SUMMARY|.*property broken|  )' $(FUZZED)/fuzz-$$t.log | \
			grep -v '^  *#' | head -6; \
	done; \
	if [ -n "$$failed" ]; then \
		echo "fuzz: failed:$$failed (see $(FUZZED)/fuzz-TARGET.log and $(FUZZED)/artifacts/)"; exit 1; \
	fi; \
	echo "fuzz: no crash, leak, hang or broken property in: $(FUZZ_TARGETS)"

# The long reliability runs, apart from make test: the crash loop for
# STRESS_ROUNDS rounds, then STRESS_OPERATORS operators at full speed for
# STRESS_SECONDS (make stress STRESS_SECONDS=600), and the fault loops on
# every call of every save. Each prints its seed or its figures and, on a
# failure, how to re-run it.
STRESS_ROUNDS = 500
STRESS_SECONDS = 60
STRESS_OPERATORS = 8

stress: deps $(TESTED)/build.ninja
	ninja -C $(TESTED)
	SIRT_STRESS_ROUNDS=$(STRESS_ROUNDS) SIRT_STRESS_SECONDS=$(STRESS_SECONDS) \
	SIRT_STRESS_OPERATORS=$(STRESS_OPERATORS) \
		meson test -C $(TESTED) --setup stress --suite long --verbose


# Figures, not pass/fail: sirt on databases of each size beside less and
# sqlite3 doing the same work, as Markdown tables (README, "Benchmarks").
# A release build of its own; the databases are made once and kept in
# $(BENCHED)/bench-data. It fails only when a measurement cannot be made.
bench: deps $(BENCHED)/build.ninja
	ninja -C $(BENCHED)
	SIRT_DATA_DIR=$(CURDIR) ./$(BENCHED)/tests/bench/sirt-bench --sirt $(BENCHED)/sirt --gen $(BENCHED)/tests/bench/sirt-bench-gen \
		--config data/plan-a.ini --cache $(BENCHED)/bench-data --sizes $(BENCH_SIZES) --runs $(BENCH_RUNS)

clean:
	rm -rf $(BUILD) $(TESTED) $(SANITIZED) $(FUZZED) $(BENCHED)
