package pdf

import "github.com/prestatie/prestatie/internal/agreement"

// MaxFooterShare is the largest part of a page's height, between the
// margins, that the footer with its paraaf boxes may take: beyond it little
// text fits on a page, rendering slows down, and past the whole page the
// PDF cannot be made at all.
const MaxFooterShare = 0.5

// FooterFits reports whether the paraaf boxes of ag's parties, one per
// party with its label (or name), fit in the footer of every page. The
// build checks it before rendering, so that check reports it too.
func FooterFits(ag *agreement.Agreement) bool {
	f := newFooter(ag, newTheme(Theme{}), contentW, nil, 0)
	return f.h <= (pageH-marginTop-marginBottom)*MaxFooterShare
}
