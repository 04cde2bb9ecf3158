package markdown

// Resolve gives the address of a place of the document that is not on the
// page being rendered (an item or onderdeel named by a link "#id" in the
// text), or "" to leave the link as it is.
type Resolve func(id string) string

// resolveLinks points each link "#id" whose id is not on this page at the
// page that has it, so that a cross-reference works on the site as it does
// in the PDF, where the whole document is one file.
func (t *tree) resolveLinks(ids *IDs, resolve Resolve) {
	if resolve == nil {
		return
	}
	here := map[string]bool{} // ids of this text: its items and headings
	for _, n := range t.attrs {
		if v, ok := n.AttributeString("id"); ok {
			if id, ok := v.([]byte); ok {
				here[string(id)] = true
			}
		}
	}
	for _, l := range t.links {
		dest := string(l.Destination)
		if len(dest) < 2 || dest[0] != '#' || here[dest[1:]] || ids.used[dest[1:]] {
			continue
		}
		if to := resolve(dest[1:]); to != "" {
			l.Destination = []byte(to)
		}
	}
}
