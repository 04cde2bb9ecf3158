package site

import "strings"

// licence is the open data's licence as the data page and the JSON name
// it: the site's data_licence (default CC0-1.0), with its name and the
// address of its text when it is a licence the site knows.
type licence struct {
	ID   string `json:"id"`
	Name string `json:"naam"`
	URL  string `json:"url"`
}

// defaultLicence puts the data in the public domain: anyone may reuse it
// without conditions, as open government data should be.
const defaultLicence = "CC0-1.0"

var knownLicences = []licence{
	{"CC0-1.0", "CC0 1.0 Universeel (Publiek Domein Verklaring)", "https://creativecommons.org/publicdomain/zero/1.0/deed.nl"},
	{"CC-BY-4.0", "Creative Commons Naamsvermelding 4.0 Internationaal", "https://creativecommons.org/licenses/by/4.0/deed.nl"},
	{"CC-BY-SA-4.0", "Creative Commons Naamsvermelding-GelijkDelen 4.0 Internationaal", "https://creativecommons.org/licenses/by-sa/4.0/deed.nl"},
	{"ODbL-1.0", "Open Data Commons Open Database License 1.0", "https://opendatacommons.org/licenses/odbl/1-0/"},
	{"PDDL-1.0", "Open Data Commons Public Domain Dedication and License 1.0", "https://opendatacommons.org/licenses/pddl/1-0/"},
}

func (r *renderer) licence() licence {
	id := strings.TrimSpace(r.site.Publication.DataLicence)
	if id == "" {
		id = defaultLicence
	}
	for _, l := range knownLicences {
		if strings.EqualFold(l.ID, id) || strings.EqualFold(strings.ReplaceAll(l.ID, "-1.0", ""), id) {
			return l
		}
	}
	return licence{ID: id, Name: id}
}

// Licence is the open data's licence, for the templates.
func (p *page) Licence() licence { return p.r.licence() }
