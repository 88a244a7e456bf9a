# The README's two commands. `make run` and `make test` install what is
# missing (Debian packages), build, and run; nothing else is needed on a
# fresh Debian 12 machine.

DEBS = meson ninja-build gcc pkg-config libncurses-dev ncurses-base \
       libsqlite3-dev sqlite3 libiniparser-dev libcmocka-dev libvterm-dev \
       libssl-dev mandoc jq tzdata less

BUILD = build
TESTED = build-test
SANITIZED = build-san
BENCHED = build-bench
# make bench BENCH_SIZES=1000 BENCH_RUNS=3: a quicker look.
BENCH_SIZES = 10000,100000
BENCH_RUNS = 5

.PHONY: all deps build run test bench clean

all: build

# Installs only the packages that are missing, as root or through sudo.
deps:
	@missing=""; \
	for p in $(DEBS); do \
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

$(SANITIZED)/build.ninja:
	meson setup $(SANITIZED) -Dwerror=true -Dtest_clock=true -Db_sanitize=address,undefined \
		-Db_lundef=false -Dc_args=-fno-sanitize-recover=all

$(BENCHED)/build.ninja:
	meson setup $(BENCHED) --buildtype=release -Dwerror=true

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

run: build
	./$(BUILD)/sirt

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

# Figures, not pass/fail: sirt on databases of each size beside less and
# sqlite3 doing the same work, as Markdown tables (README, "Benchmarks").
# A release build of its own; the databases are made once and kept in
# $(BENCHED)/bench-data. It fails only when a measurement cannot be made.
bench: deps $(BENCHED)/build.ninja
	ninja -C $(BENCHED)
	./$(BENCHED)/tests/bench/sirt-bench --sirt $(BENCHED)/sirt --gen $(BENCHED)/tests/bench/sirt-bench-gen \
		--config data/plan-a.ini --cache $(BENCHED)/bench-data --sizes $(BENCH_SIZES) --runs $(BENCH_RUNS)

clean:
	rm -rf $(BUILD) $(TESTED) $(SANITIZED) $(BENCHED)
