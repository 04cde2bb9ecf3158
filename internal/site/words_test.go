package site_test

import (
	"regexp"
	"strings"
	"testing"
)

// TestQuarterNames: the pages name quarters in words ("2e kwartaal 2023",
// "het 2e en 4e kwartaal"), never "Q2".
func TestQuarterNames(t *testing.T) {
	t.Parallel()
	q := regexp.MustCompile(`\bQ[1-4]\b`)
	for name, dir := range testSites {
		for path, page := range built(t, dir).files {
			if strings.HasSuffix(path, ".html") && q.MatchString(page) {
				t.Errorf("%s %s: %q", name, path, q.FindString(page))
			}
		}
	}
	page := built(t, testSites["default"]).files["alphen-chaam-2023-2024/index.html"]
	if !strings.Contains(page, "<dt>Rapportage</dt><dd>over het 2e en 4e kwartaal van elk jaar</dd>") {
		t.Errorf("the agreement page does not name its monitoring quarters in words")
	}
}

// TestNoBadPlurals: no "1" before a plural of a word the site writes
// itself, nor "de 1 afspraak" or "alle 1 afspraak" ("de enige afspraak"). (Units are the editor's words, "1 woningen" in a chart table is
// not caught here.)
func TestNoBadPlurals(t *testing.T) {
	t.Parallel()
	bad := regexp.MustCompile(`\b(?:de )?1[ \x{a0}](?:afspraken|organisaties|pagina's|voortgangsmeldingen|rapportages|partijen)\b|\b(?:de|alle)[ \x{a0}]1[ \x{a0}]afspraak\b`)
	for name, dir := range testSites {
		for path, page := range built(t, dir).files {
			if strings.HasSuffix(path, ".html") {
				for _, m := range bad.FindAllString(page, -1) {
					t.Errorf("%s %s: %q", name, path, m)
				}
			}
		}
	}
}
