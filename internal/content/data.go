package content

import (
	"net/mail"
	"strings"

	"go.yaml.in/yaml/v3"

	a "github.com/prestatie/prestatie/internal/agreement"
)

// The publishing keys of prestatie.yaml (docs/content-format.md,
// "prestatie.yaml"): the licence of the open data and the details of the
// toegankelijkheidsverklaring.

func (d *decoder) publicationFields(p *a.Publication) []field {
	return []field{
		{"data_licence", false, func(n *yaml.Node) {
			d.str(&p.DataLicence, "data_licence")(n)
			if strings.TrimSpace(p.DataLicence) == "" && n.Kind == yaml.ScalarNode {
				d.errorf(n, "data_licence is leeg: laat de sleutel weg voor CC0-1.0, of geef een licentie zoals CC-BY-4.0")
			}
		}},
		{"accessibility", false, func(n *yaml.Node) {
			acc := &p.Accessibility
			d.mapping(n, "accessibility",
				field{"status", false, enum(d, &acc.Status, "accessibility.status", a.AccessStatuses)},
				field{"checked", false, d.date(&acc.Checked, "accessibility.checked", false)},
				field{"contact", false, func(n *yaml.Node) {
					d.str(&acc.Contact, "accessibility.contact")(n)
					if acc.Contact != "" && !contactOK(acc.Contact) {
						d.errorf(n, "accessibility.contact %q: geef een e-mailadres (toegankelijkheid@example.nl) of een https://-adres", acc.Contact)
						acc.Contact = ""
					}
				}},
			)
		}},
	}
}

// contactOK: an e-mail address or an absolute http(s) URL.
func contactOK(s string) bool {
	if strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://") {
		return linkOK(s)
	}
	addr, err := mail.ParseAddress(s)
	return err == nil && addr.Address == s
}
