package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

func runCLI(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

func TestExitCodes(t *testing.T) {
	dest := t.TempDir()
	broken := "../../testdata/sites/mistakes"
	tests := []struct {
		args []string
		code int
		out  string // regexp on stdout+stderr
	}{
		{[]string{"build", "--source", "../..", "--dest", dest}, 0, `^gebouwd: 1 overeenkomst, \d+ pagina's, \d+ bestanden in \S+\n$`},
		{[]string{"check", "--source", "../.."}, 0, `inhoud in orde: 1 overeenkomst`},
		{[]string{"check", "--source", "../../testdata/sites/regio"}, 0, `inhoud in orde`},
		{[]string{"check", "--source", broken}, 1, `mistakes/content/test-2024/_index.md:4:9: periode begint`},
		{[]string{"build", "--source", broken, "--dest", t.TempDir()}, 1, `niets geschreven`},
		{[]string{"version"}, 0, `^prestatie `},
		{[]string{"help"}, 0, `build +controleer de inhoud en bouw de site`},
		{[]string{}, 2, `Gebruik:`},
		{[]string{"bouw"}, 2, `onbekend commando "bouw"`},
		{[]string{"build", "--sauce", "."}, 2, `(?s)^prestatie build: onbekende vlag --sauce\n\nGebruik: prestatie build `},
		{[]string{"build", "--source", "/does/not/exist"}, 2, `niet gevonden`},
		{[]string{"build", "--source", "../..", "--dest", t.TempDir(), "--base-url", "ftp://x/"}, 2, `ongeldige base-url`},
	}
	for _, tt := range tests {
		code, out, errOut := runCLI(tt.args...)
		if code != tt.code {
			t.Errorf("prestatie %s: exit %d, want %d\n%s%s", strings.Join(tt.args, " "), code, tt.code, out, errOut)
		}
		if !regexp.MustCompile(tt.out).MatchString(out + errOut) {
			t.Errorf("prestatie %s: output %q does not match %q", strings.Join(tt.args, " "), out+errOut, tt.out)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "alphen-chaam-2023-2024", "index.html")); err != nil {
		t.Errorf("build wrote no agreement page: %v", err)
	}
}

// TestCheckReportsEveryMistake: one diagnostic per mistake, all in one run.
func TestCheckReportsEveryMistake(t *testing.T) {
	_, _, errOut := runCLI("check", "--source", "../../testdata/sites/mistakes")
	lines := regexp.MustCompile(`(?m)^\S+:\d+:\d+: `).FindAllString(errOut, -1)
	if len(lines) != 10 {
		t.Errorf("got %d positioned diagnostics, want 10:\n%s", len(lines), errOut)
	}
}

func TestNewCommands(t *testing.T) {
	dir := t.TempDir()
	steps := []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"new", "agreement", "tilburg-2025-2028", "--municipality", "Tilburg", "--from", "2025", "--to", "2028", "--source", dir}, 0, `content/tilburg-2025-2028/_index.md`},
		{[]string{"new", "onderdeel", "tilburg-2025-2028/beschikbaarheid/nieuwbouw", "--source", dir, "--title", "Nieuwbouw"}, 0, `nieuwbouw.md`},
		{[]string{"check", "--source", dir, "--drafts"}, 0, `inhoud in orde: 1 overeenkomst`},
		{[]string{"new", "progress", "tilburg-2025-2028", "--date", "2025-06-30", "--source", dir}, 0, `^1 voortgangsmelding toegevoegd om in te vullen, in 1 bestand`},
		{[]string{"check", "--source", dir, "--drafts"}, 1, `nieuwbouw.md:\d+:5: voortgang heeft een status of een verdict nodig`},
		{[]string{"new", "progress", "tilburg-2025-2028", "--date", "30-06-2025", "--source", dir}, 2, `geen geldige datum`},
		{[]string{"new", "afspraak", "tilburg", "--source", dir}, 2, `verwacht OVEREENKOMST/ONDERDEEL/NAAM`},
		{[]string{"new", "thema"}, 2, `onbekend: new thema`},
		{[]string{"new", "agreement", "../../x", "--municipality", "X", "--from", "2025", "--to", "2026", "--source", dir}, 1, `ongeldige id "../../x"`},
		{[]string{"new", "agreement", "x-2025", "--municipality", "X", "--from", "twee", "--to", "2026", "--source", dir}, 2, `ongeldige waarde "twee" voor --from`},
	}
	for _, s := range steps {
		code, out, errOut := runCLI(s.args...)
		if code != s.code || !regexp.MustCompile(s.out).MatchString(out+errOut) {
			t.Errorf("prestatie %s: exit %d (want %d), output %q (want %q)", strings.Join(s.args, " "), code, s.code, out+errOut, s.out)
		}
	}
}

// TestMigrateCommand: a site in the first format is moved over and then
// passes check; a second run has nothing left to do.
func TestMigrateCommand(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../internal/migrate/testdata/v1")); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCLI("check", "--source", dir); code != 1 || !strings.Contains(errOut, "prestatie migrate") && !strings.Contains(errOut, "Overstappen") {
		t.Errorf("check of the first format: exit %d, %s", code, errOut)
	}
	if code, out, errOut := runCLI("migrate", "--source", dir); code != 0 || !strings.Contains(out, "4 bestanden omgezet") {
		t.Errorf("migrate: exit %d, %s%s", code, out, errOut)
	}
	if code, out, errOut := runCLI("check", "--source", dir); code != 0 {
		t.Errorf("check after migrate: exit %d, %s%s", code, out, errOut)
	}
	if _, out, _ := runCLI("migrate", "--source", dir); !strings.Contains(out, "0 bestanden omgezet") {
		t.Errorf("second run: %s", out)
	}
}

func TestPDFCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "akkoord.pdf")
	code, stdout, stderr := runCLI("pdf", "--source", "../..", "-o", out)
	if code != 0 || !regexp.MustCompile(`akkoord.pdf: \d+ bytes, vingerafdruk [0-9a-f]{64}\n$`).MatchString(stdout) {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Errorf("no PDF written: %v", err)
	}
	// check prints the same fingerprint.
	_, checkOut, _ := runCLI("check", "--source", "../..")
	fp := regexp.MustCompile(`[0-9a-f]{64}`).FindString(stdout)
	if !strings.Contains(checkOut, "alphen-chaam-2023-2024: vingerafdruk "+fp) {
		t.Errorf("check does not print the fingerprint %s:\n%s", fp, checkOut)
	}
	if code, _, stderr := runCLI("pdf", "--source", "../..", "alphen-chaam"); code != 2 || !strings.Contains(stderr, `bedoelde u "alphen-chaam-2023-2024"?`) {
		t.Errorf("unknown agreement: exit %d, %s", code, stderr)
	}
	if code, _, _ := runCLI("pdf", "--source", "../../testdata/sites/twee"); code != 2 {
		t.Errorf("several agreements and none chosen: exit %d, want 2", code)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "gisteren")
	if code, _, stderr := runCLI("pdf", "--source", "../.."); code != 2 || !strings.Contains(stderr, "SOURCE_DATE_EPOCH") {
		t.Errorf("bad SOURCE_DATE_EPOCH: exit %d %s", code, stderr)
	}
}

// TestHelp: help for each command, as prestatie help CMD and CMD --help,
// on stdout with exit 0; no message calls the site folder "sitemap".
func TestHelp(t *testing.T) {
	t.Parallel()
	for _, cmd := range commands {
		for _, args := range [][]string{{"help", cmd.name}, {cmd.name, "--help"}, {cmd.name, "-h"}} {
			code, out, errOut := runCLI(args...)
			if code != 0 || errOut != "" || !strings.HasPrefix(out, "Gebruik:") || out != cmd.help {
				t.Errorf("prestatie %s: exit %d, stdout %.60q, stderr %q", strings.Join(args, " "), code, out, errOut)
			}
			if strings.Contains(strings.ToLower(out), "sitemap") {
				t.Errorf("prestatie %s calls something a sitemap", strings.Join(args, " "))
			}
		}
	}
	if code, _, errOut := runCLI("help", "bouw"); code != 2 || !strings.Contains(errOut, `onbekend commando "bouw"`) {
		t.Errorf("help bouw: exit %d, %s", code, errOut)
	}
}

// TestNoSitemapInMessages: the site folder is "de map van de site" in every
// message of the program; "sitemap" is only the sitemap.xml file.
func TestNoSitemapInMessages(t *testing.T) {
	t.Parallel()
	re := regexp.MustCompile(`"[^"\n]*\bsitemap\b[^"\n]*"`)
	for _, dir := range []string{".", "../../internal"} {
		err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return err
			}
			b, err := os.ReadFile(p)
			for _, lit := range re.FindAllString(string(b), -1) {
				if !strings.Contains(lit, "sitemap.xml") && strings.Contains(lit, " ") {
					t.Errorf("%s: %s", p, lit)
				}
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestFlagErrorsInDutch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"check", "--nope"}, "prestatie check: onbekende vlag --nope\n\nGebruik: prestatie check"},
		{[]string{"check", "--source"}, "prestatie check: de vlag --source heeft een waarde nodig\n"},
		{[]string{"check", "--drafts=misschien"}, `prestatie check: ongeldige waarde "misschien" voor --drafts: gebruik true of false`},
		{[]string{"check", "--format", "xml"}, `prestatie check: --format kent text en json, niet "xml"`},
		{[]string{"check", "extra"}, `prestatie check: onverwacht argument "extra"`},
		{[]string{"serve", "--port", "x"}, `prestatie serve: ongeldige waarde "x" voor --port`},
		{[]string{"serve", "--bind", "0.0.0.0"}, `prestatie serve: --bind: "0.0.0.0" is van buiten deze computer te bereiken`},
		{[]string{"serve", "--port", "70000"}, `prestatie serve: --port: 70000 is geen poort`},
	}
	for _, tt := range tests {
		code, out, errOut := runCLI(tt.args...)
		if code != 2 || out != "" || !strings.HasPrefix(errOut, tt.want) {
			t.Errorf("prestatie %s: exit %d, stdout %q, stderr %q; want it to start with %q", strings.Join(tt.args, " "), code, out, errOut, tt.want)
		}
	}
}

func TestFormatJSONAndQuiet(t *testing.T) {
	t.Parallel()
	var rep struct {
		OK          bool
		Errors      int
		Diagnostics []struct {
			File     string
			Line     int
			Column   int
			Severity string
			Message  string
		}
	}
	code, out, errOut := runCLI("check", "--source", "../../testdata/sites/mistakes", "--format", "json")
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != 1 || errOut != "" {
		t.Fatalf("exit %d, %v: %s%s", code, err, out, errOut)
	}
	if rep.OK || rep.Errors != 10 || len(rep.Diagnostics) != 10 || rep.Diagnostics[0].Line == 0 || rep.Diagnostics[0].Severity != "error" {
		t.Errorf("report %+v", rep)
	}
	code, out, _ = runCLI("check", "--source", "../..", "--format", "json")
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != 0 || !rep.OK {
		t.Errorf("exit %d, %v: %s", code, err, out)
	}
	if code, out, errOut := runCLI("check", "--source", "../..", "--quiet"); code != 0 || out != "" || errOut != "" {
		t.Errorf("--quiet: exit %d, %q %q", code, out, errOut)
	}
}

func TestVersion(t *testing.T) {
	t.Parallel()
	code, out, _ := runCLI("version")
	for _, want := range []string{"prestatie ", "\ncommit:", "\ngo:       go1.", "\nplatform: ", "\nECharts:  "} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("version: exit %d, %q lacks %q", code, out, want)
		}
	}
}

// TestInitThenBuild: init makes a site that check and build take at once,
// with the charts drawn from the embedded or node_modules ECharts.
func TestInitThenBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site")
	}
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "mijn site")
	if code, out, errOut := runCLI("init", dir, "--municipality", "'s-Hertogenbosch"); code != 0 || !strings.Contains(out, "prestatie.yaml") {
		t.Fatalf("init: exit %d %s%s", code, out, errOut)
	}
	if code, out, errOut := runCLI("build", "--source", dir); code != 0 || !strings.HasPrefix(out, "gebouwd: 1 overeenkomst") {
		t.Fatalf("build: exit %d %s%s", code, out, errOut)
	}
	id := "s-hertogenbosch-" + strconv.Itoa(time.Now().Year()) + "-" + strconv.Itoa(time.Now().Year()+1)
	for _, f := range []string{"index.html", "404.html", id + "/index.html", id + "/" + id + ".pdf"} {
		if _, err := os.Stat(filepath.Join(dir, "public", f)); err != nil {
			t.Error(err)
		}
	}
	if code, _, errOut := runCLI("init", dir); code != 2 || !strings.Contains(errOut, "niet leeg") {
		t.Errorf("init in a full folder: exit %d %s", code, errOut)
	}
}

// build --no-pdf writes the site without PDFs, and its pages link none.
func TestBuildNoPDF(t *testing.T) {
	dest := t.TempDir()
	code, out, errOut := runCLI("build", "--source", "../..", "--dest", dest, "--no-pdf")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	page, err := os.ReadFile(filepath.Join(dest, "alphen-chaam-2023-2024", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(page, []byte(".pdf")) {
		t.Error("the agreement page links a PDF that --no-pdf did not build")
	}
	filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if strings.HasSuffix(p, ".pdf") {
			t.Errorf("--no-pdf wrote %s", p)
		}
		return nil
	})
	if _, o, e := runCLI("help", "build"); !strings.Contains(o+e, "--no-pdf") {
		t.Error("help build does not name --no-pdf")
	}
}
