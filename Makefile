# prestatie: `make site` builds the default site into public/, `make test`
# runs every test. See README.md.

GO ?= go
BASE_URL ?=
# Every go test gets an explicit limit, well inside CI's 90 minutes, so a
# hang fails with a stack trace instead of killing the whole run.
TIMEOUT ?= 20m
# Each fuzz target runs this long: 30 s in CI (CI=true), 10 s by default.
ifeq ($(CI),true)
FUZZTIME ?= 30s
else
FUZZTIME ?= 10s
endif
# package/target of every fuzz target.
FUZZ = content/FuzzSplit content/FuzzLoad pdf/FuzzMarkdown build/FuzzBuild

.PHONY: site test test-unit fuzz bench bench-scale bench-hugo bench-search fmt clean install prestatie embed-echarts embed-hyphen

# Browser assets and test tools from the npm registry, pinned by package-lock.json.
node_modules: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch node_modules

# The self-contained binary: ECharts (pinned by package-lock.json) and its
# licence are copied from node_modules into the git-ignored embed folder,
# then built in. VERSION names the build in prestatie version.
ECHARTS_EMBED := internal/charts/echarts
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null)
COMMIT ?= $(shell git rev-parse HEAD 2>/dev/null)
DIRTY ?= $(shell test -n "$$(git status --porcelain 2>/dev/null)" && echo true)
LDFLAGS := -X main.buildVersion=$(VERSION) -X main.buildCommit=$(COMMIT) -X main.buildDirty=$(DIRTY)

embed-echarts: node_modules
	rm -rf $(ECHARTS_EMBED)/dist
	mkdir -p $(ECHARTS_EMBED)/dist
	cp node_modules/echarts/package.json node_modules/echarts/LICENSE node_modules/echarts/NOTICE $(ECHARTS_EMBED)/
	cp node_modules/echarts/dist/echarts.common.min.js $(ECHARTS_EMBED)/dist/

# The Dutch hyphenation patterns of the PDF (npm hyphen, pinned by
# package-lock.json) and their licence, copied into the git-ignored folder
# that internal/pdf embeds.
HYPHEN_EMBED := internal/pdf/hyphen
embed-hyphen: node_modules
	rm -rf $(HYPHEN_EMBED)/patterns
	mkdir -p $(HYPHEN_EMBED)/patterns
	cp node_modules/hyphen/package.json node_modules/hyphen/LICENSE $(HYPHEN_EMBED)/
	cp node_modules/hyphen/patterns/nl.js $(HYPHEN_EMBED)/patterns/

# ./prestatie in the repository.
prestatie: embed-echarts embed-hyphen
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o prestatie ./cmd/prestatie

# prestatie in $$(go env GOPATH)/bin (or GOBIN).
install: embed-echarts embed-hyphen
	$(GO) install -trimpath -ldflags '$(LDFLAGS)' ./cmd/prestatie

site: node_modules
	$(GO) run ./cmd/prestatie build $(if $(BASE_URL),--base-url $(BASE_URL))

# Every test: formatting, vet, unit, whole-site and browser tests (packages
# in parallel), then every fuzz target for FUZZTIME, all at once.
test: node_modules
	@test -z "$$(gofmt -l .)" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) vet ./...
	$(GO) test -timeout $(TIMEOUT) ./...
	$(MAKE) --no-print-directory fuzz

# Unit tests only: -short skips the slow whole-build and browser tests.
test-unit:
	$(GO) test -short -timeout 10m ./...

# Each fuzz target for FUZZTIME (a longer run: make fuzz FUZZTIME=10m). The
# targets run side by side, one worker each; output is kept per target. New
# inputs are minimised for 2 s only (the default, 60 s, would take the whole run).
# A run fails when go test fails, except for the bare "context deadline
# exceeded" that Go 1.26's fuzz coordinator can report when -fuzztime ends
# under load without any failing input (golang/go#75804).
fuzz:
	$(MAKE) --no-print-directory -j $(words $(FUZZ)) --output-sync=target $(addprefix fuzz/,$(FUZZ))

fuzz/%:
	@echo "$(GO) test ./internal/$(*D) -fuzz '^$(*F)$$' -fuzztime $(FUZZTIME)"
	@dir=internal/$(*D)/testdata/fuzz/$(*F); n=$$(ls $$dir 2>/dev/null | wc -l); log=$$(mktemp); \
	$(GO) test -timeout $(TIMEOUT) ./internal/$(*D) -run '^$$' -fuzz '^$(*F)$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 2s -parallel 1 >$$log 2>&1; rc=$$?; \
	cat $$log; \
	if [ $$rc -ne 0 ] && [ "$$(ls $$dir 2>/dev/null | wc -l)" -eq "$$n" ] && grep -qx '    context deadline exceeded' $$log; then \
		echo "$(*F): 'context deadline exceeded' at the end of -fuzztime without a failing input is Go's fuzz coordinator race (golang/go#75804, fixed in Go 1.27), not a failure"; rc=0; \
	fi; rm -f $$log; exit $$rc

# Whole-build and render benchmarks.
bench:
	$(GO) test -timeout $(TIMEOUT) ./internal/build ./internal/pdf ./internal/serve -run '^$$' -bench . -benchmem

# Cold builds of generated corpora (internal/corpus) of SIZES agreements, with
# and without PDFs: pages, files, bytes, wall, CPU and peak memory, in total
# and per page, with the load average before each run. Not part of make test;
# 800 agreements take minutes.
SIZES ?= 50,200,800
MODES ?= pdf,no-pdf
RUNS ?= 1
bench-scale: prestatie
	$(GO) run ./internal/corpus/bench -bin ./prestatie -sizes $(SIZES) -modes $(MODES) -runs $(RUNS)

# The same corpora built by Hugo (compiled once from the Go module proxy into
# the git-ignored .bench/) with a minimal layout, beside prestatie's rows: the
# issue's side by side, with the rows "files" and "hugo-files": each output's
# files written again alone, what the file system costs for them. Not part of
# make test.
HUGO_VERSION ?= v0.160.0
HUGO := .bench/hugo-$(HUGO_VERSION)/hugo
$(HUGO):
	GOBIN=$(CURDIR)/$(dir $(HUGO)) CGO_ENABLED=0 $(GO) install github.com/gohugoio/hugo@$(HUGO_VERSION)
bench-hugo: prestatie $(HUGO)
	$(GO) run ./internal/corpus/bench -bin ./prestatie -sizes $(SIZES) -modes $(MODES) -runs $(RUNS) -hugo $(HUGO) -files

# The site's search against Pagefind (npm devDependency) on the same pages
# of the default site and a corpus of 50 agreements: bytes fetched per query,
# time to the first results in headless Chromium, the first five results
# compared (docs/zoeken.md). Not part of make test.
SEARCH_SIZES ?= 0,50
SEARCH_QUERIES ?= woningen,energielabel,huurverhoging
bench-search: node_modules
	$(GO) run ./internal/search/bench -pagefind node_modules/.bin/pagefind -sizes $(SEARCH_SIZES) -queries $(SEARCH_QUERIES)

fmt:
	gofmt -w .

clean:
	rm -rf public
