// Package e2e holds the browser tests: the built site, served over HTTP
// under a sub-path, opened in headless Chromium through chromedp. They check
// what only a browser can tell (charts that draw, console errors, requests to
// other hosts, layout at phone width) and are meant to grow with the
// project's quality gates.
//
// Run them with go test ./internal/e2e (they need /usr/bin/chromium and
// node_modules/axe-core; without them they skip, except under CI=true, where
// they fail). -short skips them.
//
//   - TestEveryPage: every page of the default site and testdata/sites/regio,
//     twee, nummering and regionaal, with and without JavaScript, at 375 px: console,
//     requests, charts, sideways scrolling, text and tables without script,
//     axe-core (WCAG 2.1 A and AA); the 404 page.
//   - TestKeyboard: Tab reaches every control, visibly focused.
//   - TestLiveFilter: each choice of the live filter of the list of afspraken
//     shows the rows of the page of the same choice.
//   - TestHostileContent, TestHostileSiteBuilds: testdata/sites/hostile.
//   - TestChartsDraw, TestChartsFollowTheViewport: chart layout.
//
// Screenshots of the home, agreement, section (onderdeel) and report pages of
// each site, at 375 and 1280 px wide, go to testdata/screenshots/ in the
// repository (ignored by git), or to $PRESTATIE_SCREENSHOTS when set; then
// every page with a chart is also saved at 1280 and 320 px wide.
package e2e
