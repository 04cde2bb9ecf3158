package site

import (
	"net/url"
)

// link is the href of a navigation or footer link: absolute URLs as they
// are, paths below the base.
func (r *renderer) link(u string) string {
	if p, err := url.Parse(u); err == nil && p.Scheme != "" {
		return u
	}
	return r.base.path + u
}

// isDraft reports whether the page shows a draft (an agreement or a
// section, or one above it, marked draft: true, built with --drafts or in
// the preview).
func (p *page) isDraft() bool {
	for s := p.Section; s != nil; s = s.Parent {
		if s.Draft {
			return true
		}
	}
	return p.Agreement != nil && p.Agreement.Draft
}
