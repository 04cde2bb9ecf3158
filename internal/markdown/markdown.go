// Package markdown converts the Markdown of agreements to HTML with goldmark,
// set up for Dutch: Unicode typographic quotes and dashes (so the site and the
// PDF share the same text), heading ids that keep accented letters readable,
// GFM tables and footnotes. Raw HTML is dropped unless explicitly allowed.
package markdown

import (
	"bufio"
	"html/template"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Typography maps ASCII punctuation to the Unicode characters of Dutch
// typesetting. Real characters, not HTML entities, so the PDF gets them too.
var Typography = map[extension.TypographicPunctuation]string{
	extension.LeftSingleQuote:  "‘",
	extension.RightSingleQuote: "’",
	extension.LeftDoubleQuote:  "“",
	extension.RightDoubleQuote: "”",
	extension.EnDash:           "–",
	extension.EmDash:           "—",
	extension.Ellipsis:         "…",
	extension.LeftAngleQuote:   "«",
	extension.RightAngleQuote:  "»",
	extension.Apostrophe:       "’",
}

const prefixKey = "prestatie-id-prefix"

// Converter renders Markdown to HTML. It is safe for concurrent use.
type Converter struct {
	md     goldmark.Markdown
	unsafe bool
}

// Option configures a Converter.
type Option func(*config)

type config struct{ unsafe bool }

// WithUnsafeHTML passes raw HTML in Markdown through. Off by default: the
// content is edited by many people and published on a government site.
func WithUnsafeHTML(on bool) Option { return func(c *config) { c.unsafe = on } }

// New returns a Converter.
func New(opts ...Option) *Converter {
	var c config
	for _, o := range opts {
		o(&c)
	}
	rendererOpts := []goldmark.Option{}
	if c.unsafe {
		rendererOpts = append(rendererOpts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	rendererOpts = append(rendererOpts, goldmark.WithRendererOptions(
		renderer.WithNodeRenderers(util.Prioritized(decorationRenderer{}, 100))))
	md := goldmark.New(append(rendererOpts,
		goldmark.WithExtensions(
			extension.Table, extension.Strikethrough, extension.Linkify,
			extension.NewFootnote(
				extension.WithFootnoteIDPrefixFunction(footnotePrefix),
				// The arrow alone gives a screen reader nothing to say.
				extension.WithFootnoteBacklinkHTML(`↩︎<span class="visually-hidden"> terug naar de tekst</span>`),
			),
			extension.NewTypographer(extension.WithTypographicSubstitutions(Typography)),
		),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
	)...)
	return &Converter{md: md, unsafe: c.unsafe}
}

// Parse parses src into an AST. ids (may be nil) assigns heading ids;
// prefix distinguishes footnote ids of several documents on one page.
func (c *Converter) Parse(src []byte, ids *IDs, prefix string) ast.Node {
	if ids == nil {
		ids = NewIDs()
	}
	doc := c.parse(src, ids)
	prepare(doc, src, ids)
	if d, ok := doc.(*ast.Document); ok && prefix != "" {
		d.AddMeta(prefixKey, prefix+"-")
	}
	return doc
}

// parse is goldmark's parse of src, heading ids from ids.
func (c *Converter) parse(src []byte, ids parser.IDs) ast.Node {
	ctx := parser.NewContext(parser.WithIDs(ids))
	return c.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
}

// prepare marks the items of a parsed text and sanitises its headings,
// in one walk of the tree.
func prepare(doc ast.Node, src []byte, ids *IDs) {
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if h, ok := n.(*ast.Heading); ok {
			sanitizeHeading(h, src, ids)
			return ast.WalkContinue, nil
		}
		return markItem(n, src), nil
	})
}

func footnotePrefix(n ast.Node) []byte {
	if d := n.OwnerDocument(); d != nil {
		if p, ok := d.Meta()[prefixKey].(string); ok {
			return []byte(p)
		}
	}
	return nil
}

// Block renders a Markdown document (paragraphs, lists, headings, tables).
func (c *Converter) Block(src string, ids *IDs, prefix string) (template.HTML, error) {
	return c.Section(src, ids, prefix, 0)
}

// Section renders a Markdown document that sits below a heading of the
// page: every heading moves down shift levels (## becomes <h3> for shift 1),
// so the page keeps a correct heading order.
func (c *Converter) Section(src string, ids *IDs, prefix string, shift int) (template.HTML, error) {
	return c.Document(src, ids, prefix, shift, nil, nil)
}

// Document renders a Markdown document below a heading (see Section),
// puts the HTML that fn returns for each item ({#id}) after its text, and
// sends a link "#id" to a place on another page where resolve says.
func (c *Converter) Document(src string, ids *IDs, prefix string, shift int, fn Decorate, resolve Resolve) (template.HTML, error) {
	b := []byte(src)
	if ids == nil {
		ids = NewIDs()
	}
	return c.Render(c.Parse(b, ids, prefix), b, ids, shift, fn, resolve)
}

// Render renders a document that Parse returned for src and ids, as
// Document does: Parse and then Render is Document. A caller that must read
// the tree before rendering it (the level of its highest heading, which
// items show their number) parses the text once this way instead of twice.
// Render changes the tree; render a tree once.
func (c *Converter) Render(doc ast.Node, src []byte, ids *IDs, shift int, fn Decorate, resolve Resolve) (template.HTML, error) {
	var buf strings.Builder // its String does not copy the HTML
	t := collect(doc)
	t.sanitize(src, ids) // again, now for the web: external images
	t.decorate(fn)
	t.resolveLinks(ids, resolve)
	labelTables(t.tables, src)
	t.dropItemKeys()
	if shift != 0 {
		for _, h := range t.headings {
			h.Level = min(6, h.Level+shift)
		}
	}
	w := writers.Get().(*bufio.Writer)
	w.Reset(&buf)
	err := c.md.Renderer().Render(w, src, doc) // flushes w
	w.Reset(nil)
	writers.Put(w)
	if err != nil {
		return "", err
	}
	out := buf.String()
	if !c.unsafe && strings.Contains(out, "</table>") { // then every table is goldmark's own "<table>"
		// A wide table scrolls inside a focusable region, so keyboard users
		// can scroll it too (WCAG: scrollable regions must be focusable).
		const wrap = `<div class="table-wrap" role="region" tabindex="0" aria-label="Tabel">`
		out = strings.ReplaceAll(out, "<table>", wrap+"<table>")
		out = strings.ReplaceAll(out, `<table class="cards">`, wrap+`<table class="cards">`)
		out = strings.ReplaceAll(out, "</table>", "</table></div>")
	}
	return template.HTML(out), nil
}

// writers are the buffers goldmark writes through; given none, it makes
// one of 4 KiB for every text (a quarter of the bytes Render allocated).
var writers = sync.Pool{New: func() any { return bufio.NewWriter(nil) }}

// Inline renders a short text (a commitment, a note) without the paragraph
// around it, so it can stand inside a list item or a table cell. A text of
// several paragraphs keeps them.
func (c *Converter) Inline(src string) (template.HTML, error) {
	h, err := c.Block(src, nil, "")
	if err != nil {
		return "", err
	}
	s := strings.TrimSuffix(string(h), "\n")
	if inner, ok := strings.CutPrefix(s, "<p>"); ok {
		if inner, ok := strings.CutSuffix(inner, "</p>"); ok && !strings.Contains(inner, "<p>") {
			return template.HTML(inner), nil
		}
	}
	return template.HTML(s), nil
}
