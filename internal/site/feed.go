package site

import (
	"bytes"
	"encoding/xml"
	"slices"
	"strings"
	"time"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/dutch"
)

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Link    atomLink `xml:"link"`
	Summary string   `xml:"summary"`
}

// rfc3339 is the moment as midnight UTC: entries are dated, not timed.
func rfc3339(d a.Date) string { return d.Time().Format(time.RFC3339) }

// siteFeedEntries is how many entries the site feed keeps, the newest:
// each agreement's own feed keeps all of its entries, and a feed reader
// asks for what is new. (At 800 agreements a site feed of every entry
// repeated the 40,000 entries of their feeds in 19 MB.)
const siteFeedEntries = 200

// feed is an Atom feed with an entry per monitoring report and per progress
// entry of the given agreements, newest first. Ids are tag-like URNs built
// from stable ids, so they survive a change of host or base URL.
func (r *renderer) feed(ags []*a.Agreement, dir string) []byte {
	f := &atomFeed{
		Lang: "nl", ID: "urn:prestatie:" + strings.TrimSuffix(dir, "/"), Title: r.site.Title,
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: r.base.abs(dir + "feed.xml")}, {Rel: "alternate", Type: "text/html", Href: r.base.abs(dir)}},
	}
	if dir == "" {
		f.ID = "urn:prestatie:site"
	}
	var names []string
	// An entry is made only once it is among those the feed keeps: the
	// site feed of a large site keeps a few hundred of tens of thousands.
	type dated struct {
		d a.Date
		e func() atomEntry
	}
	var es []dated
	for _, ag := range ags {
		if len(ags) == 1 {
			f.Title = ag.Title + " " + ag.Municipality + ": voortgang"
		}
		for _, p := range ag.Parties {
			names = append(names, p.Name)
		}
		for _, m := range r.moments[ag] {
			es = append(es, dated{m.Date, func() atomEntry {
				return atomEntry{
					ID: "urn:prestatie:" + ag.ID + ":voortgang:" + m.Slug, Title: "Rapportage " + m.Label + " – " + ag.Municipality,
					Updated: rfc3339(m.Date), Link: atomLink{Rel: "alternate", Href: r.base.abs(m.Path(ag))},
					Summary: reportSummary(m),
				}
			}})
		}
		ag.EachCommitment(func(c *a.Item) {
			// The afspraak's words, once for all its entries.
			var what string
			title := func() string {
				if what == "" {
					what = itemWhere(c) + " – " + itemLabel(c, 80)
				}
				return what
			}
			for _, e := range c.Progress {
				es = append(es, dated{e.Date, func() atomEntry {
					state := e.Status.Label()
					if e.Status == "" {
						state = "eindoordeel " + e.Verdict.Label()
					}
					sum := e.Note
					if e.Illustrative {
						sum = strings.TrimSpace(sum + " (illustratieve gegevens)")
					}
					return atomEntry{
						ID: "urn:prestatie:" + ag.ID + ":" + c.ID + ":" + e.Date.String(), Title: title() + ": " + state,
						Updated: rfc3339(e.Date), Link: atomLink{Rel: "alternate", Href: r.base.abs(r.where[c])},
						Summary: sum,
					}
				}})
			}
		})
	}
	// Newest first; entries of one day keep document order.
	slices.SortStableFunc(es, func(x, y dated) int { return y.d.Compare(x.d) })
	if dir == "" && len(es) > siteFeedEntries {
		es = es[:siteFeedEntries]
	}
	latest := a.Date{}
	for _, e := range es {
		f.Entries = append(f.Entries, e.e())
		if latest.Before(e.d) {
			latest = e.d
		}
	}
	if latest.IsZero() && len(ags) > 0 {
		latest = ags[0].Date
		if latest.IsZero() { // the document states no date
			latest = a.NewDate(ags[0].Period.From, 1, 1)
		}
	}
	f.Updated = rfc3339(latest)
	slices.Sort(names)
	f.Author.Name = dutch.List(slices.Compact(names))
	if f.Author.Name == "" {
		f.Author.Name = r.site.Title
	}
	return f.xml()
}

// xml is the feed as encoding/xml writes it, indented by two spaces,
// with the XML header (TestFeedXML holds the two to the same bytes):
// written here, since encoding/xml's reflection took a third of the time
// of the feeds.
func (f *atomFeed) xml() []byte {
	var b bytes.Buffer
	b.Grow(512 + 512*len(f.Entries))
	b.WriteString(xml.Header)
	b.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="`)
	escapeXML(&b, f.Lang)
	b.WriteString(`">`)
	element(&b, "  ", "id", f.ID)
	element(&b, "  ", "title", f.Title)
	element(&b, "  ", "updated", f.Updated)
	for _, l := range f.Links {
		l.write(&b, "  ")
	}
	b.WriteString("\n  <author>")
	element(&b, "    ", "name", f.Author.Name)
	b.WriteString("\n  </author>")
	for _, e := range f.Entries {
		b.WriteString("\n  <entry>")
		element(&b, "    ", "id", e.ID)
		element(&b, "    ", "title", e.Title)
		element(&b, "    ", "updated", e.Updated)
		e.Link.write(&b, "    ")
		element(&b, "    ", "summary", e.Summary)
		b.WriteString("\n  </entry>")
	}
	b.WriteString("\n</feed>\n")
	return b.Bytes()
}

// element writes <name>text</name> on a line of its own.
func element(b *bytes.Buffer, indent, name, text string) {
	b.WriteString("\n" + indent + "<" + name + ">")
	escapeXML(b, text)
	b.WriteString("</" + name + ">")
}

func (l atomLink) write(b *bytes.Buffer, indent string) {
	b.WriteString("\n" + indent + "<link")
	for _, attr := range [...]struct{ name, value string }{{"rel", l.Rel}, {"type", l.Type}} {
		if attr.value != "" {
			b.WriteString(" " + attr.name + `="`)
			escapeXML(b, attr.value)
			b.WriteString(`"`)
		}
	}
	b.WriteString(` href="`)
	escapeXML(b, l.Href)
	b.WriteString(`"></link>`)
}

// escapeXML writes s escaped as encoding/xml escapes text and attributes.
func escapeXML(b *bytes.Buffer, s string) {
	xml.EscapeText(b, []byte(s)) // into memory: cannot fail
}

func reportSummary(m moment) string {
	n := len(m.Changes)
	if n == 0 {
		return "Geen wijzigingen sinds de vorige rapportage."
	}
	return a.Count(n, "afspraak", "afspraken") + " met een nieuwe voortgangsmelding of wijziging."
}

// shorten cuts s at a word boundary to at most n runes, adding "…".
func shorten(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}
