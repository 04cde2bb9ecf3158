package build

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/diag"
	"github.com/prestatie/prestatie/internal/pdf"
)

// maxFontSize bounds a PDF font file: a TrueType font for Chinese,
// Japanese and Korean is 10 to 20 MB, far above the limit of other files.
const maxFontSize = 64 << 20

// loadFonts reads the further PDF fonts of pdf_fonts from the site folder
// (links followed only within it), reporting at the setting a file that is
// missing, too large or not a font the PDF can embed.
func loadFonts(fsys fs.FS, s *a.Site, ds *diag.List) []pdf.Font {
	var fonts []pdf.Font
	for _, f := range s.PDFFonts {
		st, err := fs.Stat(fsys, f.Source)
		if err == nil && st.Size() > maxFontSize {
			ds.Errorf(f.Pos, "pdf_fonts %q is %d bytes, meer dan de grens van %d bytes (64 MiB): kies een kleiner lettertype", f.Source, st.Size(), maxFontSize)
			continue
		}
		var b []byte
		if err == nil {
			b, err = fs.ReadFile(fsys, f.Source)
		}
		if errors.Is(err, fs.ErrNotExist) {
			ds.Errorf(f.Pos, "pdf_fonts %q niet gevonden in de map van de site: zet het .ttf-bestand daar, bijvoorbeeld in fonts/", f.Source)
			continue
		}
		if err != nil {
			ds.Errorf(f.Pos, "pdf_fonts %q niet leesbaar in de map van de site (%v): maak er een gewoon .ttf-bestand in de map van de site van", f.Source, unwrapPath(err))
			continue
		}
		ft, err := pdf.NewFont(f.Source, b)
		if err != nil {
			ds.Errorf(f.Pos, "pdf_fonts %q: %v", f.Source, err)
			continue
		}
		fonts = append(fonts, ft)
	}
	return fonts
}

// fontsKey identifies the PDF fonts by their contents, for the preview's
// cache of what check found.
func fontsKey(fonts []pdf.Font) string {
	h := sha256.New()
	for _, f := range fonts {
		h.Write([]byte(f.Name + "\x00"))
		h.Write(f.TTF)
	}
	return hex.EncodeToString(h.Sum(nil))
}
