package site

import (
	"fmt"
	"strings"

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
		p := r.search.AddDoc(n, search.Extract(j.path, f.Data))
		if r.indexed != nil { // the caller keeps it (Options.Indexed)
			r.indexed(j.file, p)
		}
	}
}

// indexReused adds a reused page to the search index: as the caller kept
// it (Options.ReusedPage), or its text read from its file.
func (r *renderer) indexReused(n int, j job, opt Options) error {
	if opt.ReusedPage != nil {
		if p, ok := opt.ReusedPage(j.file); ok && r.search.AddPage(n, j.path, p) == nil {
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

// searchFolder is the folder whose zoeken/ holds the search index's file
// of the page at p: its agreement's folder, so that the files of an
// agreement are its own (Options.Reuse); "" for the others.
func (r *renderer) searchFolder() func(p string) string {
	folders := map[string]string{} // by agreement id
	for _, ag := range r.site.Agreements {
		folders[ag.ID] = ag.ID + "/"
	}
	return func(p string) string {
		id, _, _ := strings.Cut(p, "/")
		return folders[id]
	}
}

// searchFiles is the index of every searchable page, but the files a
// reused agreement has already. With to (Emit), each file is handed to it
// as it is made and kept without its data.
func (r *renderer) searchFiles(to func(File) error) ([]File, error) {
	var files []File
	err := r.search.Each(func(f search.File) error {
		if r.reusedOwner(f.Path) != nil {
			return nil
		}
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
