package site

import (
	"html/template"
	"io/fs"
	"testing"

	"github.com/prestatie/prestatie"
)

// A row is shared among pages only when its template cannot tell them
// apart; a site's own row template that reads the page is rendered for
// every page.
func TestRowMemoKey(t *testing.T) {
	for _, tc := range []struct {
		name, row string
		shared    bool
	}{
		{"agreement and item path", `<tr><td>{{.Page.Agreement.Title}}</td><td>{{url (.Page.ItemPath .C)}}</td></tr>`, true},
		{"through $", `{{$.Page.Agreement.PreambleTitle}}{{template "age" .Age}}`, true},
		{"page path", `<tr><td>{{.Page.Path}}</td></tr>`, false},
		{"page id", `<tr id="{{.Page.ID "rij"}}"></tr>`, false},
		{"page in a variable", `{{$p := .Page}}{{$p.Agreement.Title}}`, false},
		{"page handed on", `{{template "age" .Page}}`, false},
		{"page in a chain", `{{(.Page).Title}}`, false},
		{"called template reads the page", `{{template "page" .}}`, false},
		{"missing template", `{{template "nergens" .}}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &renderer{}
			src := `{{define "commitment-row"}}` + tc.row + `{{end}}{{define "age"}}{{.}}{{end}}{{define "page"}}{{.Page.Title}}{{end}}`
			tm := template.Must(template.New("x").Funcs(r.funcs()).Parse(src))
			if got := rowMemoKey(tm, map[string]int{}) != 0; got != tc.shared {
				t.Errorf("shared = %v, want %v", got, tc.shared)
			}
		})
	}
}

// Go renders the item meta and the rows of the embedded templates on
// every page kind that shows them (fast.go).
func TestFastKinds(t *testing.T) {
	tmpl, _ := fs.Sub(prestatie.Templates, "templates")
	r := &renderer{}
	if err := r.parseTemplates(tmpl); err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{"agreement", "section", "commitments", "report"} {
		for _, name := range fastTemplates {
			if !r.fast(kind, name) && (name != "headline-figures" || kind == "agreement") && (name != "filter-group" || kind == "commitments") && (name != "figures" || kind == "agreement" || kind == "section") && (name != "main" || kind == "section" || kind == "commitments" || kind == "report") {
				t.Errorf("%s: Go does not render %s", kind, name)
			}
		}
	}
}
