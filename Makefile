# hookscan: `make` builds, `make test` is what CI runs, `make bench` prints
# the speed table.
GO ?= go
BIN := bin

.PHONY: test-race all build scan test test-integration vet lint bench bench-real readme fuzz clean

all: build

build:
	$(GO) build -o $(BIN)/hookscan ./cmd/hookscan
	$(GO) build -o $(BIN)/hookscan-vet ./cmd/hookscan-vet

# Build and scan this repository.
scan:
	$(GO) build -o $(BIN)/hookscan ./cmd/hookscan
	$(BIN)/hookscan dir .

vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go' | grep -v /testdata/))" || { gofmt -l $$(git ls-files '*.go' | grep -v /testdata/); echo "gofmt needed"; exit 1; }

# staticcheck, fetched from the module proxy at a pinned version.
lint: vet
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

test: vet
	$(GO) test ./...

# The scanner and the sources under the race detector: a second build of
# everything with -race, so it is a target of its own (CI runs it).
test-race:
	$(GO) test -race -run 'Scan|Dir|Baseline|History|Staged' ./scanner/ ./source/
	$(GO) test -race -run 'Git|GitHub' ./cmd/hookscan/

# Tests that need more than Go and git (Debian's pre-commit), or rebuild
# everything (the release build); CI installs pre-commit and runs this after
# make test.
test-integration:
	@command -v pre-commit >/dev/null || { echo "make test-integration needs pre-commit (Debian package pre-commit)"; exit 2; }
	$(GO) test -tags integration -run 'Integration|PreCommit|ReleaseScript' ./cmd/hookscan/

# Short fuzzing of the decoders and the rule loader.
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzUnescape -fuzztime 20s ./scanner/
	$(GO) test -run '^$$' -fuzz FuzzScan -fuzztime 20s ./scanner/
	$(GO) test -run '^$$' -fuzz FuzzWindowStitching -fuzztime 20s -fuzzminimizetime 2s ./scanner/
	$(GO) test -run '^$$' -fuzz FuzzBase64Value -fuzztime 10s ./scanner/
	$(GO) test -run '^$$' -fuzz FuzzPrefixSearch -fuzztime 10s ./scanner/
	$(GO) test -run '^$$' -fuzz FuzzPairs -fuzztime 10s ./scanner/
	$(GO) test -run '^$$' -fuzz FuzzPassLiterals -fuzztime 10s ./scanner/
	$(GO) test -run '^$$' -fuzz FuzzPackObject -fuzztime 20s ./source/
	$(GO) test -run '^$$' -fuzz FuzzApplyDelta -fuzztime 10s ./source/
	$(GO) test -run '^$$' -fuzz FuzzParsePack -fuzztime 20s ./rules/
	$(GO) test -run '^$$' -fuzz FuzzParseConfig -fuzztime 20s ./rules/
	$(GO) test -run '^$$' -fuzz FuzzProbe -fuzztime 20s ./rules/
	$(GO) test -run '^$$' -fuzz FuzzExpandURL -fuzztime 20s ./verify/

bench:
	@scripts/bench.sh

# Findings per rule and per context class on real repositories you have:
# make bench-real REPOS="../terraform.git ../prometheus.git"
bench-real:
	@scripts/bench-real.sh $(REPOS)

# Regenerate the rule table and the verification table in README.md, and
# the parsed packs and the keyword trie cached in the binary
# (rules/packs.gob, scanner/trie.bin), from the packs.
readme:
	$(GO) test ./rules -run TestPackCache -update
	$(GO) test ./scanner -run 'TestTrieCache$$' -update
	$(GO) run ./cmd/hookscan rules list --markdown > .rules-table.md
	@awk 'BEGIN{t=""; while ((getline l < ".rules-table.md") > 0) t = t l "\n"} \
	     /<!-- rules:begin -->/{print; printf "%s", t; skip=1; next} /<!-- rules:end -->/{skip=0} !skip' README.md > README.md.new
	@mv README.md.new README.md && rm -f .rules-table.md
	$(GO) run ./cmd/hookscan rules list --verify-table > .verify-table.md
	@awk 'BEGIN{t=""; while ((getline l < ".verify-table.md") > 0) t = t l "\n"} \
	     /<!-- verify:begin -->/{print; printf "%s", t; skip=1; next} /<!-- verify:end -->/{skip=0} !skip' README.md > README.md.new
	@mv README.md.new README.md && rm -f .verify-table.md

clean:
	rm -rf $(BIN)
