package build

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCheckReportsWhatBuildFails breaks the default site in ways that only
// the build used to notice (or did not notice at all) and checks that check
// reports each at a file:line:col, that build fails with the same
// diagnostics, and that nothing is published.
func TestCheckReportsWhatBuildFails(t *testing.T) {
	t.Parallel()
	index := "content/alphen-chaam-2023-2024/_index.md"
	tests := []struct {
		name  string
		setup func(t *testing.T, src string)
		want  string
	}{
		{"paraaf boxes do not fit", func(t *testing.T, src string) {
			var parties strings.Builder
			for i := range 20 {
				fmt.Fprintf(&parties, "  - {id: p%d, name: Partij %d, kind: tenants, label: %s}\n", i, i, strings.Repeat("W", 60))
			}
			edit(t, filepath.Join(src, index), "parties:\n", "parties:\n"+parties.String())
		}, index + ":9:5: pdf van alphen-chaam-2023-2024: de paraafvakken van 22 partijen nemen"},
		{"theme file linked outside the site", func(t *testing.T, src string) {
			os.MkdirAll(filepath.Join(src, "themes/default"), 0o755)
			os.Symlink("/etc/passwd", filepath.Join(src, "themes/default/leak.txt"))
		}, `themes/default/leak.txt:1:1: symbolische link "themes/default/leak.txt" wijst naar "/etc/passwd", buiten de map van de site`},
		{"content linked outside the site", func(t *testing.T, src string) {
			os.Symlink("/etc/hostname", filepath.Join(src, "content/alphen-chaam-2023-2024/beschikbaarheid/geheim.md"))
		}, "beschikbaarheid/geheim.md:1:1: symbolische link"},
		{"missing logo", func(t *testing.T, src string) {
			edit(t, filepath.Join(src, index), "kind: corporation,", "kind: corporation, logo: weg.png,")
		}, index + `:10:5: logo "weg.png" van partij "leystromen" niet gevonden`},
		{"theme file that is a folder", func(t *testing.T, src string) {
			os.MkdirAll(filepath.Join(src, "themes/default/style.css"), 0o755)
			os.WriteFile(filepath.Join(src, "themes/default/style.css/x"), nil, 0o644)
		}, "themes/default/style.css:1:1: themabestand niet leesbaar"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src := copySite(t)
			tt.setup(t, src)
			_, cds := Check(Options{Source: src})
			if !strings.Contains(cds.Error(), tt.want) {
				t.Errorf("check:\n%v\nwant %q", cds, tt.want)
			}
			_, bds, err := Build(Options{Source: src})
			if err != nil || bds.Error() != cds.Error() {
				t.Errorf("build: %v\n%v\nwant what check reports", err, bds)
			}
			if _, err := os.Stat(filepath.Join(src, "public")); !os.IsNotExist(err) {
				t.Errorf("a failed build published: %v", err)
			}
		})
	}
}

func edit(t testing.TB, file, old, new string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil || !strings.Contains(string(b), old) {
		t.Fatalf("%s lacks %q: %v", file, old, err)
	}
	os.WriteFile(file, []byte(strings.Replace(string(b), old, new, 1)), 0o644)
}

// TestRecoverBeforeFailingBuild: a build killed between the two renames
// left no destination; the next build, though it fails on its content,
// puts the previous output back before it says it is unchanged.
func TestRecoverBeforeFailingBuild(t *testing.T) {
	t.Parallel()
	src := copySite(t)
	dest := filepath.Join(src, "public")
	if err := Publish(version("A"), dest); err != nil {
		t.Fatal(err)
	}
	want := treeHash(t, dest)
	os.Rename(dest, filepath.Join(src, ".public.old-1-2"))
	edit(t, filepath.Join(src, "content/alphen-chaam-2023-2024/_index.md"), "status: signed", "status: getekend")
	if _, ds, err := Build(Options{Source: src}); err != nil || !ds.HasErrors() {
		t.Fatalf("want content errors: %v %v", err, ds)
	}
	if treeHash(t, dest) != want {
		t.Errorf("the previous output was not put back")
	}
}

func TestCheckDate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		epoch int64
		ok    bool
	}{
		{0, true},
		{1680739200, true},
		{4133980799, true},
		{4133980800, false},
		{99999999999999, false},
		{-1, false},
	}
	for _, tt := range tests {
		if err := CheckDate(time.Unix(tt.epoch, 0).UTC()); (err == nil) != tt.ok {
			t.Errorf("CheckDate(%d) = %v, want ok %v", tt.epoch, err, tt.ok)
		}
	}
	if CheckDate(time.Time{}) != nil {
		t.Errorf("no date set must pass")
	}
}
