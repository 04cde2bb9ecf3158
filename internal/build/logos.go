package build

import (
	"errors"
	"io/fs"
	"path"
	"strings"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/content"
	"github.com/prestatie/prestatie/internal/diag"
	"github.com/prestatie/prestatie/internal/parallel"
	"github.com/prestatie/prestatie/internal/pdf"
)

// loadLogos reads the party logos from the theme, reporting a logo that is
// missing, too large or of a kind the PDF cannot show at the party.
func loadLogos(theme fs.FS, s *a.Site, ds *diag.List) map[*a.Agreement]map[string]pdf.Logo {
	logos := map[*a.Agreement]map[string]pdf.Logo{}
	for _, ag := range s.Agreements {
		for _, p := range ag.Parties {
			if p.Logo == "" {
				continue
			}
			ext := strings.ToLower(path.Ext(p.Logo))
			if ext != ".png" && ext != ".jpg" && ext != ".jpeg" {
				ds.Errorf(p.Pos, "logo %q van partij %q: gebruik een PNG- of JPEG-bestand (de pdf kan geen %s tonen)", p.Logo, p.ID, ext)
				continue
			}
			b, err := fs.ReadFile(theme, p.Logo)
			if err == nil && len(b) > content.MaxFileSize {
				ds.Errorf(p.Pos, "logo %q van partij %q is %d bytes, meer dan de grens van %d bytes (1 MiB): verklein de afbeelding", p.Logo, p.ID, len(b), content.MaxFileSize)
				continue
			}
			if err != nil || !fs.ValidPath(p.Logo) {
				ds.Errorf(p.Pos, "logo %q van partij %q niet gevonden in themes/%s/", p.Logo, p.ID, s.Theme)
				continue
			}
			if logos[ag] == nil {
				logos[ag] = map[string]pdf.Logo{}
			}
			logos[ag][p.ID] = pdf.Logo{Data: b, JPEG: ext != ".png"}
		}
	}
	return logos
}

// checkThemeFiles walks the theme as the site copies it and reports a file
// that cannot be read (a folder where the default theme has a file, an
// unreadable file) at its path in the site.
func checkThemeFiles(theme fs.FS, name, prefix string, ds *diag.List) {
	fs.WalkDir(theme, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			file := path.Join(prefix, "themes", name, p)
			ds.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "themabestand niet leesbaar (%v): maak er een gewoon bestand van, met dezelfde soort als in het standaardthema", unwrapPath(err))
			return fs.SkipDir
		}
		return nil
	})
}

// unwrapPath drops the operation and path from fs errors.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// checkFooters reports an agreement whose paraaf boxes would not fit in the
// PDF's footer (pdf.Check) at its first party, and warns about characters
// the PDF cannot print as written (pdf.Unprintable), about links to "#id"
// that lead nowhere (pdf.CrossReferences) and, once, about a
// binary without the hyphenation patterns, so that check reports them.
//
// With a MemCache, an agreement read before from the same files has the
// problems it had then, without checking it again.
func checkFooters(s *a.Site, fonts []pdf.Font, ds *diag.List, c checkMemo) {
	fk := fontsKey(fonts)
	// Side by side: at 800 agreements this was 0.8 s of one core before
	// any page could start. Each agreement's findings keep their place.
	found := make([]diag.List, len(s.Agreements))
	parallel.For(len(s.Agreements), func(i int) {
		ag := s.Agreements[i]
		if ds, ok := c.checked(ag, fk); ok {
			found[i] = ds
			return
		}
		var ds diag.List
		if len(ag.Parties) > 0 && len(ag.Parties) <= content.MaxParties {
			if err := pdf.Check(ag); err != nil {
				ds.Errorf(ag.Parties[0].Pos, "%v", err)
			}
		}
		ds = append(ds, pdf.Unprintable(ag, fonts)...)
		ds = append(ds, pdf.CrossReferences(ag)...)
		c.setChecked(ag, fk, ds)
		found[i] = ds
	})
	for _, f := range found {
		*ds = append(*ds, f...)
	}
}

// checkMemo keeps what checkFooters found in an agreement read from the
// same files before: the preview's MemCache, Build's model cache.
type checkMemo interface {
	checked(ag *a.Agreement, fonts string) (diag.List, bool)
	setChecked(ag *a.Agreement, fonts string, ds diag.List)
}
