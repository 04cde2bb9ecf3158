// Package migrate moves a site from the first content format to the
// current one (docs/content-format.md, "Overstappen"): commitments leave the
// front matter and become list items with {#id} in the body, under the
// headings the first format's pages printed ("Beoogd effect/impact",
// "Bijdrage …"), so the pages keep showing the same text; front matter keeps
// what annotates them under items. It edits files in place and reports
// what it changed.
package migrate

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Site migrates every agreement under dir/content. It returns the files it
// rewrote.
func Site(dir string) ([]string, error) {
	var changed []string
	root := filepath.Join(dir, "content")
	ags, err := os.ReadDir(root)
	if err != nil {
		return nil, err
	}
	for _, e := range ags {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") || strings.HasPrefix(e.Name(), "_") {
			continue
		}
		c, err := agreement(filepath.Join(root, e.Name()))
		changed = append(changed, c...)
		if err != nil {
			return changed, err
		}
	}
	return changed, nil
}

type party struct{ id, label, kind string }

type migrator struct {
	parties []party
	order   []string // contribution order
	changed []string
}

func agreement(dir string) ([]string, error) {
	m := &migrator{}
	index := filepath.Join(dir, "_index.md")
	err := m.edit(index, func(fm *yaml.Node, body string) (string, error) {
		for _, p := range seq(get(fm, "parties")) {
			pt := party{id: scalar(get(p, "id")), label: scalar(get(p, "label")), kind: scalar(get(p, "kind"))}
			if pt.label == "" {
				pt.label = scalar(get(p, "name"))
			}
			m.parties = append(m.parties, pt)
		}
		for _, r := range seq(get(fm, "contribution_order")) {
			m.order = append(m.order, scalar(r))
		}
		for _, p := range m.parties {
			if !contains(m.order, p.id) {
				m.order = append(m.order, p.id)
			}
		}
		del(fm, "contribution_order")
		if get(fm, "numbering") == nil { // the first format numbered every chapter and afspraak
			set(fm, "numbering", "auto")
		}
		return body, nil
	})
	if err != nil {
		return m.changed, err
	}
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") || path == index {
			return err
		}
		if filepath.Base(filepath.Dir(path)) == "voortgang" && filepath.Dir(filepath.Dir(path)) == dir {
			return nil
		}
		name := strings.TrimSuffix(filepath.Base(path), ".md")
		if name == "_index" {
			name = filepath.Base(filepath.Dir(path))
		}
		return m.edit(path, func(fm *yaml.Node, body string) (string, error) { return m.section(fm, body, name) })
	})
	return m.changed, err
}

// section moves effect, goals and commitments of one chapter or afspraak
// into its body.
func (m *migrator) section(fm *yaml.Node, body string, name string) (string, error) {
	if k := get(fm, "kind"); k != nil && k.Value == "chapter" {
		del(fm, "kind")
	}
	var add []string
	if e := get(fm, "effect"); e != nil {
		add = append(add, "## Beoogd effect/impact\n\n"+strings.TrimSpace(e.Value))
		del(fm, "effect")
	}
	items := &yaml.Node{Kind: yaml.MappingNode}
	if gs := seq(get(fm, "goals")); len(gs) > 0 {
		var lines []string
		for i, g := range gs {
			id := fmt.Sprintf("%s-doel-%d", name, i+1) // ids are unique in the whole agreement
			lines = append(lines, "- "+oneLine(scalar(get(g, "text")))+" {#"+id+"}")
			ann := &yaml.Node{Kind: yaml.MappingNode}
			set(ann, "kind", "goal")
			if t := get(g, "target"); t != nil {
				ann.Content = append(ann.Content, key("target"), t)
			}
			items.Content = append(items.Content, key(id), ann)
		}
		add = append(add, "## Doelen\n\n"+strings.Join(lines, "\n"))
		del(fm, "goals")
	}
	if cs := seq(get(fm, "commitments")); len(cs) > 0 {
		add = append(add, m.groups(cs, items)...)
		del(fm, "commitments")
	}
	if len(items.Content) > 0 {
		insertBefore(fm, "progress", key("items"), items)
	}
	if len(add) == 0 {
		return body, nil
	}
	body = strings.TrimRight(body, "\n")
	if body != "" {
		body += "\n\n"
	}
	return body + strings.Join(add, "\n\n") + "\n", nil
}

// groups writes the commitments as the first format's pages showed them:
// one list per set of bound parties, in contribution order.
func (m *migrator) groups(cs []*yaml.Node, items *yaml.Node) []string {
	type group struct {
		key   string
		refs  []string
		lines []string
	}
	var gs []*group
	find := func(refs []string) *group {
		k := strings.Join(refs, ",")
		for _, g := range gs {
			if g.key == k {
				return g
			}
		}
		g := &group{key: k, refs: refs}
		gs = append(gs, g)
		return g
	}
	for _, c := range cs {
		refs := refList(get(c, "party"))
		g := find(refs)
		g.lines = append(g.lines, m.item(c, items, "", refs)...)
	}
	rank := func(g *group) int {
		best := len(m.order)
		for _, r := range g.refs {
			for i, id := range m.order {
				if id == r && i < best {
					best = i
				}
			}
		}
		return best*100 + len(g.refs)
	}
	for i := 1; i < len(gs); i++ { // stable insertion sort by rank
		for j := i; j > 0 && rank(gs[j]) < rank(gs[j-1]); j-- {
			gs[j], gs[j-1] = gs[j-1], gs[j]
		}
	}
	var out []string
	for _, g := range gs {
		out = append(out, "## "+m.heading(g.refs, len(gs) == 1)+"\n\n"+strings.Join(g.lines, "\n"))
	}
	return out
}

func (m *migrator) item(c *yaml.Node, items *yaml.Node, indent string, parent []string) []string {
	id := scalar(get(c, "id"))
	lines := []string{indent + "- " + oneLine(scalar(get(c, "text"))) + " {#" + id + "}"}
	ann := &yaml.Node{Kind: yaml.MappingNode}
	if p := get(c, "party"); p != nil && indent == "" {
		p.Style = yaml.FlowStyle
		ann.Content = append(ann.Content, key("party"), p)
	} else if p != nil && strings.Join(refList(p), ",") != strings.Join(parent, ",") {
		ann.Content = append(ann.Content, key("party"), p)
	}
	if n := get(c, "number"); n != nil {
		ann.Content = append(ann.Content, key("number"), n)
	}
	if t := get(c, "target"); t != nil {
		ann.Content = append(ann.Content, key("target"), t)
	}
	if len(ann.Content) > 0 {
		ann.Style = yaml.FlowStyle
		items.Content = append(items.Content, key(id), ann)
	} else {
		items.Content = append(items.Content, key(id), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: ""})
	}
	for _, sub := range seq(get(c, "items")) {
		lines = append(lines, m.item(sub, items, indent+"  ", refList(get(c, "party")))...)
	}
	return lines
}

var kindPlural = map[string]string{"all-municipalities": "alle gemeenten", "all-corporations": "alle corporaties", "all-tenants": "alle huurdersorganisaties"}

func (m *migrator) heading(refs []string, only bool) string {
	if len(refs) == 1 && refs[0] == "all" {
		if only {
			return "Afspraken"
		}
		return "Bijdrage alle partijen"
	}
	var names []string
	for _, id := range m.order { // agreement order, as the first format listed them
		for _, r := range refs {
			if r == id {
				names = append(names, m.label(id))
			}
		}
	}
	for _, r := range refs {
		if p, ok := kindPlural[r]; ok {
			names = append(names, p)
		}
	}
	if len(names) == 0 {
		return "Afspraken"
	}
	if len(names) == 1 {
		return "Bijdrage " + names[0]
	}
	return "Bijdrage " + strings.Join(names[:len(names)-1], ", ") + " en " + names[len(names)-1]
}

func (m *migrator) label(id string) string {
	for _, p := range m.parties {
		if p.id == id {
			return p.label
		}
	}
	return id
}

// edit rewrites the front matter and body of one file with fn.
func (m *migrator) edit(path string, fn func(fm *yaml.Node, body string) (string, error)) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	s := string(src)
	if !strings.HasPrefix(s, "---\n") {
		return fmt.Errorf("%s: geen front matter", path)
	}
	end := strings.Index(s[4:], "\n---\n")
	if end < 0 {
		return fmt.Errorf("%s: front matter niet afgesloten met ---", path)
	}
	fmSrc, body := s[4:4+end+1], s[4+end+5:]
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(fmSrc), &doc); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	if len(doc.Content) == 0 {
		return nil
	}
	fm := doc.Content[0]
	newBody, err := fn(fm, body)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(fm); err != nil {
		return err
	}
	out := "---\n" + buf.String() + "---\n" + newBody
	if out == s {
		return nil
	}
	m.changed = append(m.changed, path)
	return os.WriteFile(path, []byte(out), 0o644)
}

func get(n *yaml.Node, k string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == k {
			return n.Content[i+1]
		}
	}
	return nil
}

func del(n *yaml.Node, k string) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == k {
			n.Content = append(n.Content[:i], n.Content[i+2:]...)
			return
		}
	}
}

func set(n *yaml.Node, k, v string) {
	n.Content = append(n.Content, key(k), &yaml.Node{Kind: yaml.ScalarNode, Value: v})
}

func insertBefore(n *yaml.Node, before string, k, v *yaml.Node) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == before {
			n.Content = append(n.Content[:i], append([]*yaml.Node{k, v}, n.Content[i:]...)...)
			return
		}
	}
	n.Content = append(n.Content, k, v)
}

func key(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: s} }

func seq(n *yaml.Node) []*yaml.Node {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	return n.Content
}

func scalar(n *yaml.Node) string {
	if n == nil {
		return ""
	}
	return strings.TrimSpace(n.Value)
}

func refList(n *yaml.Node) []string {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.SequenceNode {
		var out []string
		for _, c := range n.Content {
			out = append(out, c.Value)
		}
		return out
	}
	return []string{n.Value}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
