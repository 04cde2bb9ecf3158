package scaffold

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/content"
)

var june = agreement.NewDate(2024, 6, 30)

func TestAppendProgress(t *testing.T) {
	entries := []Entry{{Commitment: "a", Unit: "woningen"}}
	tests := []struct {
		name, src, want string
	}{
		{"no progress yet",
			"---\ntitle: X # mijn titel\norder: 1\n---\nBody\n",
			"---\ntitle: X # mijn titel\norder: 1\nprogress:\n  - commitment: a\n"},
		{"existing block, then another key",
			"---\nprogress:\n    - {commitment: b, date: 2024-01-01, status: done}\n\n# opmerking\nfigures: []\n---\n",
			"    - {commitment: b, date: 2024-01-01, status: done}\n    - commitment: a\n      date: 2024-06-30\n"},
		{"items at column 0",
			"---\nprogress:\n- commitment: b\n  date: 2024-01-01\n  status: done\n---\n",
			"  status: done\n- commitment: a\n"},
		{"empty flow list",
			"---\nprogress: []\n---\n",
			"---\nprogress:\n  - commitment: a\n"},
		{"windows line ends",
			"---\r\ntitle: X\r\n---\r\n",
			"title: X\r\nprogress:\r\n  - commitment: a\r\n    date: 2024-06-30\r\n"},
	}
	for _, tt := range tests {
		got, err := AppendProgress([]byte(tt.src), entries, june)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if !strings.Contains(string(got), tt.want) {
			t.Errorf("%s: got\n%s\nwant it to contain\n%s", tt.name, got, tt.want)
		}
		// Everything that was there stays, in order.
		rest := string(got)
		for _, line := range strings.SplitAfter(tt.src, "\n") {
			if line == "progress: []\n" {
				continue
			}
			i := strings.Index(rest, line)
			if i < 0 {
				t.Errorf("%s: line %q lost", tt.name, line)
				break
			}
			rest = rest[i+len(line):]
		}
	}
	if _, err := AppendProgress([]byte("---\nprogress: [{commitment: a}]\n---\n"), entries, june); err == nil {
		t.Errorf("a one-line progress list cannot be extended as text: want an error")
	}
}

// copySite copies the default site's content into a temporary folder.
func copySite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	src := "../../content"
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		data, _ := os.ReadFile(p)
		os.MkdirAll(filepath.Join(dir, "content", filepath.Dir(rel)), 0o755)
		return os.WriteFile(filepath.Join(dir, "content", rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestNewProgressRound: a report round starts from a complete list, which
// the loader rejects until every status is filled in, and then accepts.
func TestNewProgressRound(t *testing.T) {
	dir := copySite(t)
	files, n, err := NewProgress(dir, "alphen-chaam-2023-2024", june)
	if err != nil {
		t.Fatal(err)
	}
	open := 0
	before, _ := content.Load(os.DirFS("../.."), content.Options{})
	before.Agreements[0].EachCommitment(func(c *agreement.Item) {
		if isOpen(c, june) {
			open++
		}
	})
	if n != open || n < 40 {
		t.Errorf("added %d entries, want one per open commitment (%d)", n, open)
	}
	_, ds := content.Load(os.DirFS(dir), content.Options{})
	if len(ds) != n {
		t.Errorf("want %d diagnostics (one per placeholder), got %d:\n%v", n, len(ds), ds)
	}
	for _, d := range ds {
		if !strings.Contains(d.Msg, "status of een verdict nodig") || d.Pos.Line == 0 {
			t.Errorf("unexpected diagnostic: %v", d)
		}
	}
	for _, f := range files {
		data, _ := os.ReadFile(f)
		os.WriteFile(f, []byte(strings.ReplaceAll(string(data), "status:   # invullen", "status: on-track # invullen")), 0o644)
	}
	if _, ds := content.Load(os.DirFS(dir), content.Options{}); len(ds) > 0 {
		t.Errorf("filled-in report rejected:\n%v", ds)
	}
	// A second run on the same date adds nothing: every commitment has an entry.
	if _, n, _ := NewProgress(dir, "alphen-chaam-2023-2024", june); n != 0 {
		t.Errorf("second run added %d entries", n)
	}
	if _, _, err := NewProgress(dir, "alphen-chaam-2023", june); err == nil || !strings.Contains(err.Error(), `bedoelde u "alphen-chaam-2023-2024"?`) {
		t.Errorf("unknown agreement: %v", err)
	}
}

func TestNewAgreementAndAfspraak(t *testing.T) {
	dir := t.TempDir()
	if _, err := NewAgreement(dir, "breda-2025-2028", "Breda", 2025, 2028, agreement.NewDate(2025, 1, 15)); err != nil {
		t.Fatal(err)
	}
	if _, err := NewAfspraak(dir, "breda-2025-2028", "beschikbaarheid", "nieuwbouw", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := NewAfspraak(dir, "breda-2025-2028", "wonen-en-zorg", "woonzorgvisie", "Woonzorgvisie"); err != nil {
		t.Fatal(err)
	}
	s, ds := content.Load(os.DirFS(dir), content.Options{Drafts: true})
	if len(ds) > 0 {
		t.Fatalf("skeletons are not valid:\n%v", ds)
	}
	ag := s.Agreements[0]
	if len(ag.Sections) != 2 || ag.Sections[1].ID != "wonen-en-zorg" || ag.Sections[1].Sections[0].Title != "Woonzorgvisie" {
		t.Errorf("sections = %+v", ag.Sections)
	}
	if _, err := NewAgreement(dir, "breda-2025-2028", "Breda", 2025, 2028, agreement.NewDate(2025, 1, 15)); err == nil {
		t.Errorf("overwrote an existing agreement")
	}
}

// TestSkeletonsCheck: init and new write sites that check accepts, for names
// that need quoting in YAML, and refuse ids that leave the site.
func TestSkeletonsCheck(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"Nuenen, Gerwen en Nederwetten", "'s-Hertogenbosch", "Súdwest-Fryslân", "Ja", "Bergen (NH): #1 & \"zo\""} {
		dir := t.TempDir()
		if _, err := Init(dir, name, june); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		id := Slug(name) + "-2025-2028"
		if _, err := NewAgreement(dir, id, name, 2025, 2028, june); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if _, err := NewAfspraak(dir, id, "wonen", "nieuw", name+": extra"); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, drafts := range []bool{false, true} {
			s, ds := content.Load(os.DirFS(dir), content.Options{Drafts: drafts})
			if len(ds) > 0 {
				t.Fatalf("%s: %v", name, ds)
			}
			want := map[bool]int{false: 1, true: 2}[drafts] // the new agreement is a draft
			if len(s.Agreements) != want {
				t.Fatalf("%s (drafts %v): %d agreements, want %d", name, drafts, len(s.Agreements), want)
			}
			if drafts {
				for _, ag := range s.Agreements {
					if ag.Municipality != name || ag.Parties[0].Name != "Gemeente "+name {
						t.Errorf("municipality %q, party %q; want %q", ag.Municipality, ag.Parties[0].Name, name)
					}
				}
			}
		}
	}
}

func TestRefusesPathsOutsideTheSite(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := filepath.Join(root, "a", "b", "site")
	if _, err := Init(dir, "", june); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"../../x", "/tmp/x", "a/../../b", "..", "X", "a--b"} {
		if _, err := NewAgreement(dir, id, "X", 2025, 2026, june); err == nil {
			t.Errorf("new agreement %q accepted", id)
		}
		if _, err := NewAfspraak(dir, id, "wonen", "x", ""); err == nil {
			t.Errorf("new afspraak %q/wonen/x accepted", id)
		}
	}
	if _, err := Init(dir, "", june); err == nil {
		t.Error("init in a folder that is not empty")
	}
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasPrefix(p, dir+string(filepath.Separator)) {
			t.Errorf("wrote outside the site: %s", p)
		}
		return err
	})
}

func TestStr(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"Tilburg", "'s-Hertogenbosch", "a: b", "ja", "no", "2024", "1e3", "~", "null", "- x", "x #y", "tab\there", "line\nbreak", "é", "@x", "`x", "  pad ", "Den Haag", "\u2028"} {
		var got struct{ V string }
		if err := yaml.Unmarshal([]byte("v: "+str(s)+"\nw: {v: "+str(s)+"}"), &got); err != nil || got.V != s {
			t.Errorf("str(%q) = %s: reads back %q, %v", s, str(s), got.V, err)
		}
	}
}
