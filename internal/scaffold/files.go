package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/content"
	"github.com/prestatie/prestatie/internal/diag"
)

// NewProgress appends an entry to fill in for every open commitment of the
// agreement to the file that holds it. It returns the files changed and the
// number of entries added. The site must be free of errors first.
func NewProgress(source, agreementID string, date agreement.Date) (files []string, n int, err error) {
	ag, err := load(source, agreementID)
	if err != nil {
		return nil, 0, err
	}
	byFile := map[string][]*agreement.Item{}
	var order []string
	ag.EachCommitment(func(c *agreement.Item) {
		f := c.Pos.File
		if _, ok := byFile[f]; !ok {
			order = append(order, f)
		}
		byFile[f] = append(byFile[f], c)
	})
	for _, rel := range order {
		entries := Open(byFile[rel], date)
		if len(entries) == 0 {
			continue
		}
		p := filepath.Join(source, filepath.FromSlash(rel))
		src, err := os.ReadFile(p)
		if err != nil {
			return files, n, err
		}
		out, err := AppendProgress(src, entries, date)
		if err != nil {
			return files, n, fmt.Errorf("%s: %w", p, err)
		}
		if err := os.WriteFile(p, out, 0o644); err != nil {
			return files, n, err
		}
		files = append(files, p)
		n += len(entries)
	}
	return files, n, nil
}

func load(source, agreementID string) (*agreement.Agreement, error) {
	if !validName(agreementID) {
		return nil, fmt.Errorf("ongeldige overeenkomst %q: gebruik kleine letters, cijfers en koppeltekens", agreementID)
	}
	s, ds := content.Load(os.DirFS(source), content.Options{Drafts: true})
	if ds.HasErrors() {
		return nil, ds.Errors()
	}
	var ids []string
	for _, ag := range s.Agreements {
		if ag.ID == agreementID {
			return ag, nil
		}
		ids = append(ids, ag.ID)
	}
	return nil, fmt.Errorf("overeenkomst %q niet gevonden in %s/content%s", agreementID, source, diag.DidYouMean(agreementID, ids))
}

// NewAgreement creates content/<id>/_index.md: a valid draft agreement with
// placeholder parties to replace, and a first chapter.
//
// The skeleton is marked draft: true, so a plain build never publishes it;
// build with --drafts (or serve) to see it.
func NewAgreement(source, id, municipality string, from, to int, date agreement.Date) ([]string, error) {
	if !validName(id) {
		return nil, fmt.Errorf("ongeldige id %q: gebruik kleine letters, cijfers en koppeltekens (bijvoorbeeld tilburg-2025-2028)", id)
	}
	dir, err := inside(source, "content", id)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(dir); err == nil {
		return nil, fmt.Errorf("%s bestaat al", dir)
	}
	idx := agreementSkeleton(from, to, municipality, date, "draft", true, "Tekst van het document vóór het eerste hoofdstuk.")
	chapter := "---\ntitle: Beschikbaarheid\norder: 1\n---\nTekst van het hoofdstuk, zoals in het document.\n"
	files := map[string]string{
		filepath.Join(dir, "_index.md"):                    idx,
		filepath.Join(dir, "beschikbaarheid", "_index.md"): chapter,
	}
	return writeNew(files)
}

// NewAfspraak creates content/<agreement>/<chapter>/<name>.md after the
// chapter's last afspraak, creating the chapter when it does not exist.
func NewAfspraak(source, agreementID, chapterID, name, title string) ([]string, error) {
	ag, err := load(source, agreementID)
	if err != nil {
		return nil, err
	}
	if !validName(chapterID) || !validName(name) {
		return nil, fmt.Errorf("gebruik kleine letters, cijfers en koppeltekens in %q en %q", chapterID, name)
	}
	files := map[string]string{}
	dir, err := inside(source, "content", agreementID, chapterID)
	if err != nil {
		return nil, err
	}
	order := 1
	var ch *agreement.Section
	for _, c := range ag.Sections {
		if c.ID == chapterID {
			ch = c
		}
	}
	if ch == nil {
		last := 0
		for _, c := range ag.Sections {
			last = max(last, c.Order)
		}
		files[filepath.Join(dir, "_index.md")] = fmt.Sprintf("---\ntitle: %s\norder: %d\n---\nTekst van het hoofdstuk, zoals in het document.\n", str(titleCase(chapterID)), last+1)
	} else {
		for _, af := range ch.Sections {
			order = max(order, af.Order+1)
		}
	}
	if title == "" {
		title = titleCase(name)
	}
	party := ag.Parties[0].ID
	files[filepath.Join(dir, name+".md")] = fmt.Sprintf(`---
title: %s
order: %d
# number: "1"   # alleen als het document dit onderdeel zo nummert
items:
  %s-1:
    party: %s   # wie gebonden is: een partij-id, een lijst [a, b], all, all-corporations, … of weglaten
    # target: {value: 12, unit: woningen, due: %d}   # alleen wat de tekst zelf zegt
---
Tekst van dit onderdeel, letterlijk zoals in de overeenkomst.

- Omschrijving van de afspraak, letterlijk zoals in de overeenkomst. {#%s-1}
`, str(title), order, name, party, ag.Period.To, name)
	return writeNew(files)
}

func writeNew(files map[string]string) ([]string, error) {
	var names []string
	for p := range files {
		names = append(names, p)
	}
	slices.Sort(names)
	for _, p := range names {
		if _, err := os.Stat(p); err == nil {
			return nil, fmt.Errorf("%s bestaat al", p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	for _, p := range names {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(p, []byte(files[p]), 0o644); err != nil {
			return nil, err
		}
	}
	return names, nil
}

// segment is a name usable in a URL, as content.Load requires.
var segment = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func validName(s string) bool { return segment.MatchString(s) }

func titleCase(id string) string {
	s := strings.ReplaceAll(id, "-", " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// agreementSkeleton is an agreement's _index.md with placeholder parties.
// A draft is only built with --drafts (and shown by prestatie serve).
func agreementSkeleton(from, to int, municipality string, date agreement.Date, status string, draft bool, intro string) string {
	draftLine := ""
	if draft {
		draftLine = "draft: true       # alleen zichtbaar met --drafts en in prestatie serve; haal deze regel weg om te publiceren\n"
	}
	return fmt.Sprintf(`---
title: Prestatieafspraken %[1]d-%[2]d
municipality: %[3]s
period: {from: %[1]d, to: %[2]d}
reference: ""     # kenmerk van het document
date: %[4]s
status: %[6]s   # draft | for-signature | signed
%[7]sparties:          # in de volgorde van het voorblad en de handtekeningen
  - {id: gemeente, name: %[5]s, kind: municipality, label: gemeente}
  - {id: corporatie, name: Naam woningcorporatie, kind: corporation}
  - {id: huurders, name: Naam huurdersorganisatie, kind: tenants}
monitoring: [Q2, Q4]
---
%[8]s
`, from, to, str(municipality), date, str("Gemeente "+municipality), status, draftLine, intro)
}
