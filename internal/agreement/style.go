package agreement

import "github.com/prestatie/prestatie/internal/diag"

// Style is the municipality's house style from prestatie.yaml: what the
// pages carry around the agreement (logo, navigation, footer links) and the
// style sheets and token class that give them the municipality's look.
type Style struct {
	Logo *Logo
	// ThemeClass is put on <html>: the class under which an NL Design
	// System token package defines its tokens ("voorbeeld-theme").
	ThemeClass string
	// ExtraCSS are style sheets loaded after the theme, as written in the
	// config: a path in the site folder or "npm:package/path.css".
	ExtraCSS []Asset
	Nav      []Link // header navigation
	Footer   []Link // footer links (toegankelijkheidsverklaring, privacy, contact)
}

// Logo is an image from static/ shown in the header.
type Logo struct {
	File string // path below static/
	Alt  string
	Pos  diag.Pos
}

// Asset is a file named in the config. URL is filled in by the build: where
// the site serves it, below the base.
type Asset struct {
	Source string
	URL    string
	Pos    diag.Pos
}

// Link is a navigation or footer link: a path below the site's base
// ("alphen-chaam-2023-2024/voortgang/") or an absolute http(s) URL.
type Link struct {
	Title string
	URL   string
	Pos   diag.Pos
}
