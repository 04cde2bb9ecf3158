package rent_test

import (
	"testing"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/rent"
)

func TestLimits(t *testing.T) {
	tests := []struct {
		year int
		key  string
		want float64
	}{
		{2023, "kwaliteitskortingsgrens", 452.20},
		{2023, "aftoppingsgrens-1", 647.19},
		{2023, "aftoppingsgrens-2", 693.60},
		{2023, "liberalisatiegrens", 808.06},
		{2024, "kwaliteitskortingsgrens", 454.47},
		{2024, "aftoppingsgrens-1", 650.43},
		{2024, "aftoppingsgrens-2", 697.07},
		{2024, "liberalisatiegrens", 879.66},
		{2024, "boven-liberalisatiegrens", 879.66},
		{2025, "kwaliteitskortingsgrens", 477.20},
		{2025, "aftoppingsgrens-1", 682.96},
		{2025, "aftoppingsgrens-2", 731.93},
		{2025, "liberalisatiegrens", 900.07},
	}
	for _, tt := range tests {
		l, ok := rent.For(tt.year)
		if !ok {
			t.Fatalf("no limits for %d", tt.year)
		}
		got, above, ok := l.Band(tt.key)
		if !ok || got != tt.want || above != (tt.key == "boven-liberalisatiegrens") {
			t.Errorf("%d %s = %v, %v, %v; want %v", tt.year, tt.key, got, above, ok, tt.want)
		}
	}
}

func TestEveryYearHasSourcesAndRisingLimits(t *testing.T) {
	for _, y := range rent.Years() {
		l, _ := rent.For(y)
		if len(l.Sources) == 0 {
			t.Errorf("%d: no source", y)
		}
		if !(l.Kwaliteitskortingsgrens < l.Aftoppingsgrens1 && l.Aftoppingsgrens1 < l.Aftoppingsgrens2 && l.Aftoppingsgrens2 < l.Liberalisatiegrens) {
			t.Errorf("%d: limits not increasing: %+v", y, l)
		}
		// Every band key of the content format has a limit.
		for _, k := range a.RentBandKeys {
			if _, _, ok := l.Band(k.ID); !ok {
				t.Errorf("%d: no limit for band %q", y, k.ID)
			}
		}
	}
}

func TestUnknownYear(t *testing.T) {
	if _, ok := rent.For(2022); ok {
		t.Error("2022 has no sourced limits in the table; For must say so")
	}
	l, _ := rent.For(2024)
	if _, _, ok := l.Band("onbekend"); ok {
		t.Error("unknown band key accepted")
	}
}
