package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
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
		{[]string{"help"}, 0, `prestatie build`},
		{[]string{}, 2, `Gebruik:`},
		{[]string{"bouw"}, 2, `onbekend commando "bouw"`},
		{[]string{"build", "--sauce", "."}, 2, `flag provided but not defined`},
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
	if len(lines) != 9 {
		t.Errorf("got %d positioned diagnostics, want 9:\n%s", len(lines), errOut)
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
		{[]string{"new", "afspraak", "tilburg-2025-2028/beschikbaarheid/nieuwbouw", "--source", dir, "--title", "Nieuwbouw"}, 0, `nieuwbouw.md`},
		{[]string{"check", "--source", dir, "--drafts"}, 0, `inhoud in orde: 1 overeenkomst`},
		{[]string{"new", "progress", "tilburg-2025-2028", "--date", "2025-06-30", "--source", dir}, 0, `^1 rapportages toegevoegd om in te vullen, in 1 bestand`},
		{[]string{"check", "--source", dir, "--drafts"}, 1, `nieuwbouw.md:\d+:5: voortgang heeft een status of een verdict nodig`},
		{[]string{"new", "progress", "tilburg-2025-2028", "--date", "30-06-2025", "--source", dir}, 2, `geen geldige datum`},
		{[]string{"new", "afspraak", "tilburg", "--source", dir}, 2, `verwacht OVEREENKOMST/HOOFDSTUK/NAAM`},
		{[]string{"new", "thema"}, 2, `onbekend: new thema`},
	}
	for _, s := range steps {
		code, out, errOut := runCLI(s.args...)
		if code != s.code || !regexp.MustCompile(s.out).MatchString(out+errOut) {
			t.Errorf("prestatie %s: exit %d (want %d), output %q (want %q)", strings.Join(s.args, " "), code, s.code, out+errOut, s.out)
		}
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
