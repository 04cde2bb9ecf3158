// Package prestatie holds the files built into the prestatie binary: the
// default page templates and theme, and the default site (the Alphen-Chaam
// agreement). A site folder overrides templates and theme files by name.
package prestatie

import "embed"

// Templates holds templates/*.html.
//
//go:embed templates
var Templates embed.FS

// Themes holds themes/default.
//
//go:embed themes/default
var Themes embed.FS

// DefaultSite is the repository's own site: its configuration and content.
//
//go:embed prestatie.yaml content
var DefaultSite embed.FS
