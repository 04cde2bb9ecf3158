package build

import (
	"os"
	"testing"
	"time"

	"github.com/prestatie/prestatie/internal/content"
)

func TestScratchLoad(t *testing.T) {
	dir := os.Getenv("SCRATCH_DIR")
	if dir == "" {
		t.Skip()
	}
	fsys := os.DirFS(dir)
	st := time.Now()
	s, ds := content.Load(fsys, content.Options{})
	t.Logf("load %d agreements: %v (%d diags)", len(s.Agreements), time.Since(st), len(ds))
	st = time.Now()
	out, _, ds, err := Render(fsys, Options{Source: dir, NoPDF: true}, "")
	t.Logf("render no-pdf: %v files %d err %v", time.Since(st), len(out.Files), err)
}
