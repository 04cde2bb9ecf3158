package build

import (
	"io/fs"
	"path"
	"strings"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/content"
	"github.com/prestatie/prestatie/internal/diag"
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
