package pdf

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/johnfercher/maroto/v2/pkg/repository"

	"github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/content"
	"github.com/prestatie/prestatie/internal/markdown"
)

// TestSharedFonts checks that a document whose writer got the fonts parsed
// once (installFonts) has the bytes of one whose writer parsed them itself
// (maroto's custom fonts), also when documents are written in parallel.
// It fails when a maroto or gofpdf upgrade changes what installFonts
// relies on.
func TestSharedFonts(t *testing.T) {
	src := "Tekst met **vet**, *cursief*, ***beide***, `code` en Ωμέγα, € 879,66.\n\n" +
		"- een punt met een heel lang woord: meerjarenuitvoeringsprogramma\n"
	bs := parseMarkdown(markdown.New(), src)
	m := newMaroto(layoutConfig(), testDate)
	b := &builder{m: m, th: newTheme(Theme{}), avail: 200}
	b.blocks(bs, flow{level: 2})
	b.flush()
	faces := b.faces
	draw := func(m core.Maroto) []byte {
		t.Helper()
		b := &builder{m: m, th: newTheme(Theme{}), avail: 200}
		b.blocks(bs, flow{level: 2})
		b.flush()
		res, err := m.Generate()
		if err != nil {
			t.Fatal(err)
		}
		return res.GetBytes()
	}
	d := &doc{ag: &agreement.Agreement{}}

	r := repository.New()
	for _, f := range docFaces(faces, nil) {
		r = r.AddUTF8FontFromBytes(f.family(), f.style(), bytes.Clone(faceTTF(f)))
	}
	fs, err := r.Load()
	if err != nil {
		t.Fatal(err)
	}
	cfg := d.config(testDate, true)
	cfg.CustomFonts = fs
	cfg.DefaultFont = &props.Font{Family: family, Size: 10}
	want := draw(newMaroto(cfg, testDate))

	var wg sync.WaitGroup
	got := make([][]byte, 4)
	for i := range got {
		wg.Go(func() {
			m, err := withFonts(d.config(testDate, true), testDate, faces, nil)
			if i%2 == 1 { // shared bytes, made the writer's own before it writes
				m = newMaroto(d.config(testDate, true), testDate)
				if err = installFonts(m, docFaces(faces, nil), true); err == nil {
					err = ownBytes(writerOf(providerOf(m)))
				}
			}
			if err != nil {
				t.Error(err)
				return
			}
			got[i] = draw(m)
		})
	}
	wg.Wait()
	checkTemplates(t)
	for i, g := range got {
		if !bytes.Equal(g, want) {
			t.Errorf("document %d with shared fonts differs from one with its own (%d bytes, want %d)", i, len(g), len(want))
		}
	}
}

// TestSubsets checks that PDFs whose faces were cut from the cached subsets
// (a cold cache, then a warm one, documents written in parallel) have the
// bytes of PDFs cut from the whole font files. No face objects are kept
// (TestFaceObjects), so that every face is cut.
func TestSubsets(t *testing.T) {
	faceObjectsOn = false
	defer func() { faceObjectsOn = true }()
	sameBytesWith(t, &subsetsOn, func() { subsets = recent[*subsetEntry]{size: subsetCacheSize} },
		"cut from cached subsets", 2, nil)
	checkTemplates(t)
	subsets.mu.Lock()
	n := 0
	for _, e := range subsets.cur {
		if e.ttf != nil {
			n++
		}
	}
	subsets.mu.Unlock()
	if n == 0 {
		t.Error("no subset was kept: every face is cut from its whole file")
	}
}

// sameBytesWith renders two test agreements with *on false (the library's
// own way), then with it true from the empty cache reset makes, rounds
// times, the two in parallel: every PDF must have the first bytes. after is called after
// each round, when set.
func sameBytesWith(t *testing.T, on *bool, reset func(), what string, rounds int, after func(round int)) {
	t.Helper()
	ags := []*agreement.Agreement{load(t, root), load(t, regio)}
	want := make([][]byte, len(ags))
	*on = false
	defer func() { *on = true }()
	for i, ag := range ags {
		var err error
		if want[i], err = Render(ag, Options{}); err != nil {
			t.Fatal(err)
		}
	}
	*on = true
	reset()
	for round := range rounds {
		var wg sync.WaitGroup
		for i, ag := range ags {
			wg.Go(func() {
				got, err := Render(ag, Options{})
				if err != nil {
					t.Error(err)
				} else if !bytes.Equal(got, want[i]) {
					t.Errorf("%s (round %d): the PDF %s differs from the one without", ag.ID, round, what)
				}
			})
		}
		wg.Wait()
		if after != nil {
			after(round)
		}
	}
	checkTemplates(t)
}

// checkTemplates checks that the parsed fonts still hold the fonts' bytes:
// no writer cut them.
func checkTemplates(t *testing.T) {
	t.Helper()
	templates.mu.Lock()
	defer templates.mu.Unlock()
	for f, tm := range templates.by {
		_, file, err := defParts(tm.def)
		if err != nil {
			t.Fatal(err)
		}
		b, err := fileBytes(file)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b.Bytes(), faceTTF(f)) {
			t.Errorf("the bytes of the parsed face %d changed", f)
		}
	}
}

// TestCachesKeepDocumentsApart renders the first agreement of every test
// site with the process's caches (parsed fonts, subsets, layout) filled
// by the others, then again in the reverse order from empty caches: the
// bytes must not depend on what else the process rendered.
func TestCachesKeepDocumentsApart(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join(root, "testdata/sites/*"))
	if err != nil || len(dirs) < 2 {
		t.Fatalf("test sites: %v %v", dirs, err)
	}
	var ags []*agreement.Agreement
	var first [][]byte
	for _, dir := range append(dirs, root) {
		s, ds := content.Load(os.DirFS(dir), content.Options{})
		if ds.HasErrors() || len(s.Agreements) == 0 {
			continue // the sites of wrong input
		}
		pdf, err := Render(s.Agreements[0], Options{})
		if err != nil {
			t.Fatal(err)
		}
		ags, first = append(ags, s.Agreements[0]), append(first, pdf)
	}
	if len(ags) < 5 {
		t.Fatalf("%d test sites load", len(ags))
	}
	layouts = recent[[]line]{size: layoutCacheSize}
	subsets = recent[*subsetEntry]{size: subsetCacheSize}
	faceObjectsCache = recent[*faceObjects]{size: faceObjectsSize}
	for i := len(ags) - 1; i >= 0; i-- {
		got, err := Render(ags[i], Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, first[i]) {
			t.Errorf("%s: the PDF depends on the documents rendered before it", ags[i].ID)
		}
	}
}
