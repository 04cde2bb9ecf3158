package search

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// script is the site's search script, which cuts and stems queries.
const script = "../../themes/default/search.js"

// TestScriptAgrees runs the script's words() and stem() in Node on every
// word of the seed text, the default content and the test sites, and
// compares them with Words and the Go stemmer that builds the index: a
// word the two stem differently could never be found.
func TestScriptAgrees(t *testing.T) {
	t.Parallel()
	node := nodePath(t)
	var texts []string
	for _, root := range []string{"../../testdata", "../../content"} {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".txt")) {
				return err
			}
			b, err := os.ReadFile(p)
			texts = append(texts, string(b))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// Words that take each rule of the stemmer.
	texts = append(texts, `heden mogelijkheden lichamelijk lichamelijke opheffen gemeenten gemeente
		kunstenaars ijzeren yoghurt bayonet maaien koopt boeken zeeën ruïne café überhaupt huizen
		vriendelijkheid nationaliteiten mogelijkheid ondergaan ingrijpend gebeden betaalbaar
		vruchtbaar eetbare zichtbaarheid weddenschap gemeentelijke hoogheid heid aardig aardige
		groeiende bedenkende zekerheden duurzaamheid Financiële naïef coördinatie België y yy
		ay aya iii aiia zaaien eeuw ooi uur kleed klede`)
	seen := map[string]bool{}
	var ws []string
	for _, text := range texts {
		for _, w := range Words(text) {
			if !seen[w] {
				seen[w] = true
				ws = append(ws, w)
			}
		}
	}
	slices.Sort(ws)
	in, _ := json.Marshal(strings.Join(texts, "\n"))
	list, _ := json.Marshal(ws)
	prog := `const s = require(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = {words: s.words(input.text), stems: input.words.map(w => /^[a-z]+$/.test(w) ? s.stem(w) : w)};
process.stdout.write(JSON.stringify(out));`
	abs, _ := filepath.Abs(script)
	cmd := exec.Command(node, "-e", prog, abs)
	cmd.Stdin = strings.NewReader(`{"text":` + string(in) + `,"words":` + string(list) + `}`)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var got struct{ Words, Stems []string }
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	if want := Words(strings.Join(texts, "\n")); !slices.Equal(got.Words, want) {
		t.Errorf("words() gives %d words, Words %d", len(got.Words), len(want))
		for i := range min(len(got.Words), len(want)) {
			if got.Words[i] != want[i] {
				t.Errorf("first difference at %d: %q against %q", i, got.Words[i], want[i])
				break
			}
		}
	}
	var s Stemmer
	bad := 0
	for i, w := range ws {
		want := w
		if strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") == "" {
			want = s.Term(w)
			if want == "" { // a stop word: stem it anyway
				want = stem(w)
			}
		}
		if got.Stems[i] != want {
			bad++
			if bad <= 20 {
				t.Errorf("stem(%q) = %q in the script, %q in Go", w, got.Stems[i], want)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d words stem differently", bad, len(ws))
	}
	t.Logf("%d words compared", len(ws))
}

// nodePath is Node, which the tests of the script need (in CI always).
func nodePath(t *testing.T) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("node niet gevonden")
		}
		t.Skip("node niet gevonden")
	}
	return node
}

// TestScriptFindsPageFiles: the script's pageFile() finds the file of
// every page of an index in groups, the numbers the postings give.
func TestScriptFindsPageFiles(t *testing.T) {
	t.Parallel()
	node := nodePath(t)
	files, _ := indexGrouped(t, nil, nil)
	prog := `const s = require(process.argv[1]);
const e = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = [];
for (let d = 0; d < e.pages; d++) out.push(s.pageFile(e, d));
process.stdout.write(JSON.stringify(out));`
	abs, _ := filepath.Abs(script)
	cmd := exec.Command(node, "-e", prog, abs)
	cmd.Stdin = bytes.NewReader(files[Entry])
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var got []string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(grouped) {
		t.Fatalf("%d pages, want %d", len(got), len(grouped))
	}
	for d, f := range got {
		var pg struct{ Path string }
		if err := json.Unmarshal(files[f], &pg); err != nil || pg.Path != grouped[d].path {
			t.Errorf("page %d: %s holds %q (%v), want %q", d, f, pg.Path, err, grouped[d].path)
		}
	}
}
