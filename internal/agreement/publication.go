package agreement

// Publication holds what prestatie.yaml says about publishing the site
// (internal/content/data.go decodes it): the licence of the open data and
// the details of the toegankelijkheidsverklaring.
type Publication struct {
	// DataLicence is the licence of the open data: an SPDX id such as
	// "CC0-1.0" or "CC-BY-4.0", or the licence's name. Default "CC0-1.0".
	DataLicence string
	// Accessibility is what the site owner states about accessibility;
	// the zero value states nothing.
	Accessibility Accessibility
}

// Accessibility is the site owner's accessibility statement details.
type Accessibility struct {
	Status  AccessStatus // "" when not given
	Checked Date         // date of the last check; zero when not given
	Contact string       // e-mail address or URL; "" when not given
}

// AccessStatus is the compliance status of the Dutch model statement
// (toegankelijkheidsverklaring.nl), A to E.
type AccessStatus string

// AccessStatuses are the statuses A–E, with the model statement's wording.
var AccessStatuses = []Term[AccessStatus]{
	{"compliant", "voldoet volledig aan de eisen"},
	{"partially-compliant", "voldoet gedeeltelijk aan de eisen"},
	{"first-measures", "eerste maatregelen genomen"},
	{"no-measures", "eerste maatregelen nog niet genomen"},
	{"non-compliant", "voldoet niet aan de eisen"},
}

// Label is the status in Dutch.
func (s AccessStatus) Label() string { return Label(AccessStatuses, s) }
