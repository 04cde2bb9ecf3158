package site

import (
	"bytes"
	"encoding/xml"
	"testing"
)

// The feed's own writer gives the bytes encoding/xml gives for the same
// feed: text and attributes with everything XML escapes, links with and
// without their optional attributes, no entries and several.
func TestFeedXML(t *testing.T) {
	t.Parallel()
	odd := "a & b < c > d \"e\" 'f'\tg\nh\ri \x00 \xff € › –"
	entry := atomEntry{ID: "urn:x:" + odd, Title: odd, Updated: "2024-12-31T00:00:00Z",
		Link: atomLink{Rel: "alternate", Href: "/a/?b=1&c=" + odd}, Summary: odd}
	for _, f := range []atomFeed{
		{Lang: "nl", ID: "urn:prestatie:site", Title: "Titel", Updated: "2024-01-01T00:00:00Z"},
		{Lang: "nl", ID: odd, Title: odd, Updated: odd,
			Links:   []atomLink{{Rel: "self", Type: "application/atom+xml", Href: odd}, {Href: "/"}, {Type: "text/html", Href: ""}},
			Author:  atomAuthor{Name: odd},
			Entries: []atomEntry{entry, {}, entry}},
	} {
		var want bytes.Buffer
		want.WriteString(xml.Header)
		enc := xml.NewEncoder(&want)
		enc.Indent("", "  ")
		if err := enc.Encode(f); err != nil {
			t.Fatal(err)
		}
		want.WriteString("\n")
		if got := f.xml(); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("feed written as\n%s\nencoding/xml writes\n%s", got, want.Bytes())
		}
	}
}
