// Package testfont finds fonts for tests that no font of the PDF covers.
package testfont

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// CJK is a 2.5 KB TrueType font with a glyph for 中 (U+4E2D), which
// Liberation Sans and DejaVu Sans lack: golang.org/x/image's test font for
// character maps. x/image is a dependency, so its module (with testdata)
// is in the module cache wherever the tests build. Without it the test is
// skipped, except under CI=true, where it fails.
func CJK(t testing.TB) []byte {
	t.Helper()
	missing := t.Skipf
	if os.Getenv("CI") == "true" {
		missing = t.Fatalf
	}
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "golang.org/x/image").Output()
	if err != nil {
		missing("go list -m golang.org/x/image: %v", err)
		return nil
	}
	b, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "font", "testdata", "cmapTest.ttf"))
	if err != nil {
		missing("test font: %v", err)
		return nil
	}
	return b
}
