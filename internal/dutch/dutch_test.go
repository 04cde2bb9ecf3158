package dutch

import (
	"testing"
	"time"
)

func TestFormats(t *testing.T) {
	tests := []struct{ got, want string }{
		{Date(2023, time.April, 6), "6 april 2023"},
		{Date(2022, time.May, 0), "mei 2022"},
		{Number(20000), "20.000"},
		{Number(9875), "9.875"},
		{Number(330), "330"},
		{Number(0.5), "0,5"},
		{Number(-1234567.25), "-1.234.567,25"},
		{Euro(20000), "€\u00a020.000"},
		{Euro(452.2), "€\u00a0452,20"},
		{Euro(879.66), "€\u00a0879,66"},
		{Percent(21), "21%"},
		{Quantity(12, "woningen"), "12\u00a0woningen"},
		{Quantity(550, "euro"), "€\u00a0550"},
		{Quantity(15, "%"), "15%"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestSingular(t *testing.T) {
	for in, want := range map[string]string{
		"woningen": "woning", "zorgwoningen": "zorgwoning", "sociale huurwoningen": "sociale huurwoning",
		"maanden": "maand", "jaar": "jaar", "m²": "m²", "Woningen": "Woning",
	} {
		if got := Singular(in); got != want {
			t.Errorf("Singular(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Quantity(1, "woningen"); got != "1\u00a0woning" {
		t.Errorf("Quantity(1) = %q", got)
	}
	if got := Quantity(2, "woningen"); got != "2\u00a0woningen" {
		t.Errorf("Quantity(2) = %q", got)
	}
}
