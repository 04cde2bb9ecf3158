# prestatie: `make site` builds the default site into public/, `make test`
# runs every test. See README.md.

GO ?= go
BASE_URL ?=

.PHONY: site test test-unit fuzz bench fmt clean install prestatie embed-echarts

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

# ./prestatie in the repository.
prestatie: embed-echarts
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o prestatie ./cmd/prestatie

# prestatie in $$(go env GOPATH)/bin (or GOBIN).
install: embed-echarts
	$(GO) install -trimpath -ldflags '$(LDFLAGS)' ./cmd/prestatie

site: node_modules
	$(GO) run ./cmd/prestatie build $(if $(BASE_URL),--base-url $(BASE_URL))

FUZZTIME ?= 5s

# Every test: formatting, vet, unit, whole-site and browser tests, and a
# short run of each fuzz target.
test: node_modules
	@test -z "$$(gofmt -l .)" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) vet ./...
	$(GO) test ./...
	$(MAKE) fuzz

# Unit tests only: -short skips the slow whole-build and browser tests.
test-unit:
	$(GO) test -short ./...

# Each fuzz target for FUZZTIME (a longer run: make fuzz FUZZTIME=10m).
fuzz:
	$(GO) test ./internal/content -run '^$$' -fuzz '^FuzzSplit$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/content -run '^$$' -fuzz '^FuzzLoad$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/pdf -run '^$$' -fuzz '^FuzzMarkdown$$' -fuzztime $(FUZZTIME)

# Whole-build and render benchmarks.
bench:
	$(GO) test ./internal/build ./internal/pdf ./internal/serve -run '^$$' -bench . -benchmem

fmt:
	gofmt -w .

clean:
	rm -rf public
