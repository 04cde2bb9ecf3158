package site

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"path"
	"strings"

	"github.com/prestatie/prestatie/internal/charts"
)

// Scripts and style sheets get content-hashed names (style.3f9a0c1d2e.css),
// so that a new build never pairs new pages with old cached assets: they
// can be cached for a year, the pages not (docs/content-format.md gives
// the headers). Other theme files (logos) keep their names.

// hashedName is name with the first 10 hex digits of data's SHA-256 before
// its extension.
func hashedName(name string, data []byte) string {
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
}

func hashable(name string) bool {
	return path.Ext(name) == ".css" || path.Ext(name) == ".js"
}

// hashAssets names every hashable theme file and ECharts by its content,
// before the pages are rendered: the pages link the hashed names.
func (r *renderer) hashAssets(theme fs.FS) error {
	r.assets = map[string]string{}
	if theme != nil {
		err := fs.WalkDir(theme, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !hashable(p) {
				return err
			}
			b, err := fs.ReadFile(theme, p)
			r.assets[p] = hashedName(p, b)
			return err
		})
		if err != nil {
			return err
		}
	}
	if r.echarts != nil {
		r.assets[charts.EChartsScript] = hashedName(charts.EChartsScript, r.echarts.Script)
	}
	return nil
}

// asset is the URL of a theme file by its plain name ("style.css").
func (r *renderer) asset(name string) string {
	if h, ok := r.assets[name]; ok {
		name = h
	}
	return r.base.path + "assets/" + name
}

// assetPath is where a theme file is written, below the output folder.
func (r *renderer) assetPath(name string) string {
	if h, ok := r.assets[name]; ok {
		name = h
	}
	return "assets/" + name
}
