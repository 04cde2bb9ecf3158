package markdown

import (
	"math/rand/v2"
	"regexp"
	"testing"
)

// The patterns the scanners of markers.go implement.
var (
	markerRE      = regexp.MustCompile(`[ \t]*\{#([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\}[ \t]*$`)
	looseMarkerRE = regexp.MustCompile(`\{#[^}\n]*\}[ \t]*$`)
	anyMarkerRE   = regexp.MustCompile(`\{#[^}\n]*\}`)
	rowNumberRE   = regexp.MustCompile(`^\d+(\.\d+)*\.?$`)
)

// checkMarkers compares the scanners with the patterns on one input.
func checkMarkers(t *testing.T, s string) {
	b := []byte(s)
	start, idStart, idStop, ok := findMarker(b)
	if m := markerRE.FindSubmatchIndex(b); (m != nil) != ok || ok && (m[0] != start || m[2] != idStart || m[3] != idStop) {
		t.Errorf("findMarker(%q) = %d %d %d %v, pattern %v", s, start, idStart, idStop, ok, m)
	}
	ls, ok := findLooseMarker(b)
	if m := looseMarkerRE.FindIndex(b); (m != nil) != ok || ok && m[0] != ls {
		t.Errorf("findLooseMarker(%q) = %d %v, pattern %v", s, ls, ok, m)
	}
	as, ae, ok := findAnyMarker(b)
	if m := anyMarkerRE.FindIndex(b); (m != nil) != ok || ok && (m[0] != as || m[1] != ae) {
		t.Errorf("findAnyMarker(%q) = %d %d %v, pattern %v", s, as, ae, ok, m)
	}
	if got, want := isRowNumber(s), rowNumberRE.MatchString(s); got != want {
		t.Errorf("isRowNumber(%q) = %v, pattern %v", s, got, want)
	}
}

func TestMarkerScanners(t *testing.T) {
	t.Parallel()
	for _, s := range []string{
		"", "}", "{#}", "{#a}", " \t{#a} \t", "tekst {#een-twee}", "tekst {#een--twee}", "{#a-}", "{#1a}",
		"{#A}", "{#a b}", "x {#a}{#b}", "{#a {#b}", "{#a\n{#b}", "a}{#b}", "{#a} x", "`{#a}`", "{#a}\r",
		"3", "3.", "2.1", "2.1.", "2..1", ".", "..", ".5", "1.2.3", "a1", "12a",
	} {
		checkMarkers(t, s)
	}
	// Random strings over the bytes that matter.
	const alphabet = "{#}ab-1. \t\nZ"
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		b := make([]byte, r.IntN(12))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		checkMarkers(t, string(b))
	}
}

func FuzzMarkerScanners(f *testing.F) {
	f.Add("tekst {#een-twee} ")
	f.Fuzz(func(t *testing.T, s string) { checkMarkers(t, s) })
}
