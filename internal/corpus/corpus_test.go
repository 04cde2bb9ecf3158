package corpus

import (
	"maps"
	"testing"

	"github.com/prestatie/prestatie/internal/build"
)

// A generated corpus passes check without errors or warnings, and has the
// richness it promises.
func TestCorpusLoadsClean(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, 3); err != nil {
		t.Fatal(err)
	}
	s, ds := build.Check(build.Options{Source: dir})
	if len(ds) > 0 {
		t.Fatalf("diagnostics:\n%v", ds)
	}
	if len(s.Agreements) != 3 {
		t.Fatalf("%d agreements, want 3", len(s.Agreements))
	}
	ag := s.Agreements[1]
	if ag.PartOf == nil || ag.PartOf.ID != s.Agreements[0].ID {
		t.Errorf("%s is not part of %s", ag.ID, s.Agreements[0].ID)
	}
	if n := len(ag.Sections); n != 7 {
		t.Errorf("%d top-level onderdelen, want 7", n)
	}
	if err := Write(dir, 3); err == nil {
		t.Error("Write into a folder with content/ succeeded")
	}
}

// The same n gives the same files.
func TestCorpusDeterministic(t *testing.T) {
	a, b := Files(5), Files(5)
	if !maps.Equal(a, b) {
		t.Fatal("two corpora of 5 differ")
	}
	if len(a) != 1+5*17 {
		t.Errorf("%d files, want %d", len(a), 1+5*17)
	}
}
