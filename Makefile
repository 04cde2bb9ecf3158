# prestatie: `make site` builds the default site into public/, `make test`
# runs every test. See README.md.

GO ?= go
BASE_URL ?=

.PHONY: site test test-unit bench fmt clean

site:
	$(GO) run ./cmd/prestatie build $(if $(BASE_URL),--base-url $(BASE_URL))

# Every test: formatting, vet, unit and whole-site tests.
test:
	@test -z "$$(gofmt -l .)" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) vet ./...
	$(GO) test ./...

# Unit tests only (no browser; today the same set as `test`).
test-unit:
	$(GO) test ./...

# Whole-build and render benchmarks.
bench:
	$(GO) test ./internal/build -run '^$$' -bench . -benchmem

fmt:
	gofmt -w .

clean:
	rm -rf public
