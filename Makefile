# prestatie: `make site` builds the default site into public/, `make test`
# runs every test. See README.md.

GO ?= go
BASE_URL ?=

.PHONY: site test test-unit fuzz bench fmt clean

# Browser assets and test tools from the npm registry, pinned by package-lock.json.
node_modules: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch node_modules

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
	$(GO) test ./internal/build ./internal/pdf -run '^$$' -bench . -benchmem

fmt:
	gofmt -w .

clean:
	rm -rf public
