package site

import (
	"fmt"

	"github.com/prestatie/prestatie/internal/search"
)

// searchPath is the search page (templates/search.html); the index it
// reads lies below it (internal/search).
const searchPath = "zoeken/"

// searchable are the kinds of page the search finds: the text of the
// agreements and their progress. Lists that repeat it (the afspraken and
// their filters, the list of rapportages, the home page) and the site's
// own pages are left out, so that each passage is found once, on its own
// page.
var searchable = map[string]bool{"agreement": true, "section": true, "report": true}

// indexPage adds a rendered page to the search index. It is called from
// the goroutine that rendered the page; n is the page's place in the
// fixed order of pages, so the index does not depend on timing.
func (r *renderer) indexPage(n int, j job, f File) {
	if searchable[j.kind] && r.search != nil {
		d := search.Extract(j.path, f.Data)
		r.search.AddDoc(n, d)
		if r.indexed != nil { // the caller keeps it (Options.Indexed)
			r.indexed(j.file, d)
		}
	}
}

// indexReused adds a reused page to the search index: its text as the
// caller kept it (Options.ReusedDoc) or read from its file.
func (r *renderer) indexReused(n int, j job, opt Options) error {
	if opt.ReusedDoc != nil {
		if d, ok := opt.ReusedDoc(j.file); ok {
			r.search.AddDoc(n, d)
			return nil
		}
	}
	if opt.ReusedFile == nil {
		return fmt.Errorf("%s: de pagina komt uit de cache, maar de zoekindex kan haar niet lezen", j.file)
	}
	b, err := opt.ReusedFile(j.file)
	if err == nil {
		r.indexPage(n, j, File{Path: j.file, Data: b})
	}
	return err
}

// searchFiles is the index of every searchable page. With to (Emit),
// each file is handed to it as it is made and kept without its data.
func (r *renderer) searchFiles(to func(File) error) ([]File, error) {
	var files []File
	err := r.search.Each(func(f search.File) error {
		if to != nil {
			if err := to(File{Path: f.Path, Data: f.Data}); err != nil {
				return err
			}
			f.Data = nil
		}
		files = append(files, File{Path: f.Path, Data: f.Data})
		return nil
	})
	return files, err
}
