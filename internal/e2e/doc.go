// Package e2e holds the browser tests: the built site, served over HTTP
// under a sub-path, opened in headless Chromium through chromedp. They check
// what only a browser can tell (charts that draw, console errors, requests to
// other hosts, layout at phone width) and are meant to grow with the
// project's quality gates.
//
// Run them with go test ./internal/e2e (they need /usr/bin/chromium; without
// it they skip, except under CI=true, where they fail). -short skips them.
// Set PRESTATIE_SCREENSHOTS=DIR to also save full-page screenshots of every
// page with a chart at 1280 and 320 px wide.
package e2e
