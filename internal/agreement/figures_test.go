package agreement

import (
	"strings"
	"testing"

	"github.com/prestatie/prestatie/internal/diag"
)

func TestFigureSeriesAndAllocationRules(t *testing.T) {
	may := NewDate(2022, 5, 0)
	alloc := func(vals ...FigureValue) *Figure {
		return &Figure{Kind: Allocations, AsOf: may, Title: "x", Values: vals}
	}
	tests := []struct {
		name  string
		figs  []*Figure
		want  string // "" for no diagnostic
		error bool
	}{
		{"series with two dates", []*Figure{{Kind: Stock, AsOf: may}, {Kind: Stock, AsOf: NewDate(2023, 5, 0)}}, "", false},
		{"same date twice", []*Figure{{Kind: Stock, AsOf: may}, {Kind: Stock, AsOf: may}}, "figuur stock van 2022-05 staat er al op", true},
		{"same date, other title", []*Figure{{Kind: Stock, AsOf: may}, {Kind: Stock, AsOf: may, Title: "Vrije sector"}}, "", false},
		{"signal above 100", []*Figure{alloc(FigureValue{Key: "signaalwaarde", Value: 150})}, "signaalwaarde is 150%, meer dan 100%", true},
		{"groups fit", []*Figure{alloc(FigureValue{Key: "vrijgekomen", Value: 20}, FigureValue{Key: "statushouders", Value: 3}, FigureValue{Key: "signaalwaarde", Value: 15})}, "", false},
		{"groups exceed vacated", []*Figure{alloc(FigureValue{Key: "vrijgekomen", Value: 2}, FigureValue{Key: "statushouders", Value: 2}, FigureValue{Key: "urgenten", Value: 1})},
			"toewijzingen aan bijzondere doelgroepen (3) zijn meer dan vrijgekomen (2)", false},
		{"rent bands in homes", []*Figure{{Kind: RentBands, AsOf: may, Unit: "woningen", Values: []FigureValue{{Key: "kwaliteitskortingsgrens", Value: 70}}}}, "", false},
		{"rent bands in another unit", []*Figure{{Kind: RentBands, AsOf: may, Unit: "euro", Values: []FigureValue{{Key: "kwaliteitskortingsgrens", Value: 100}}}},
			`unit van huurprijsklassen is % (aandelen) of woningen (aantallen), niet "euro"`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := sample()
			a.Figures = tt.figs
			ds := a.Validate()
			if tt.want == "" {
				if len(ds) > 0 {
					t.Fatalf("unexpected: %v", ds)
				}
				return
			}
			if len(ds) != 1 || !strings.Contains(ds[0].Msg, tt.want) || (ds[0].Severity == diag.Error) != tt.error {
				t.Fatalf("got %v, want one %s %q", ds, map[bool]string{true: "error", false: "warning"}[tt.error], tt.want)
			}
		})
	}
}
