package diag

import "testing"

func TestSuggest(t *testing.T) {
	tests := []struct {
		word  string
		cands []string
		want  string
	}{
		{"titel", []string{"title", "order"}, "title"},
		{"leystroom", []string{"gemeente", "leystromen"}, "leystromen"},
		{"alphen-chaam", []string{"alphen-chaam-2023-2024"}, "alphen-chaam-2023-2024"},
		{"noord", []string{"noordstad-2022", "noordstad-2024"}, ""}, // two fit: no guess
		{"xyz", []string{"title"}, ""},
		{"title", []string{"title"}, ""},
	}
	for _, tt := range tests {
		if got := Suggest(tt.word, tt.cands); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestListSortAndString(t *testing.T) {
	var l List
	l.Errorf(Pos{File: "b.md", Line: 2, Col: 1}, "twee")
	l.Warnf(Pos{File: "a.md", Line: 9, Col: 3}, "let op")
	l.Errorf(Pos{File: "a.md", Line: 10}, "regel")
	l.Errorf(Pos{File: "b.md", Line: 2, Col: 1}, "twee") // duplicate
	got := l.Sort().Error()
	want := "a.md:9:3: waarschuwing: let op\na.md:10: regel\nb.md:2:1: twee"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if !l.HasErrors() || len(l.Errors()) != 3 {
		t.Errorf("errors: %d", len(l.Errors()))
	}
}
