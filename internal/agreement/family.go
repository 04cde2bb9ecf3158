package agreement

import "github.com/prestatie/prestatie/internal/diag"

// LinkFamilies resolves part_of and replaces between the agreements of one
// site and reports references to agreements that are not there and loops.
func LinkFamilies(ags []*Agreement) diag.List {
	var ds diag.List
	byID := map[string]*Agreement{}
	var ids []string
	for _, ag := range ags {
		byID[ag.ID] = ag
		ids = append(ids, ag.ID)
	}
	resolve := func(r Ref, self *Agreement, what string) *Agreement {
		if r.ID == "" {
			return nil
		}
		if r.ID == self.ID {
			ds.Errorf(r.Pos, "%s verwijst naar de overeenkomst zelf", what)
			return nil
		}
		x, ok := byID[r.ID]
		if !ok {
			ds.Errorf(r.Pos, "%s: onbekende overeenkomst %q%s; noem de mapnaam van een andere overeenkomst in content/", what, r.ID, diag.DidYouMean(r.ID, others(ids, self.ID)))
			return nil
		}
		return x
	}
	for _, ag := range ags {
		if p := resolve(ag.PartOfRef, ag, "part_of"); p != nil {
			ag.PartOf = p
			p.Parts = append(p.Parts, ag)
		}
		if r := resolve(ag.ReplacesRef, ag, "replaces"); r != nil {
			ag.Replaces = r
			r.ReplacedBy = ag
		}
	}
	for _, ag := range ags { // a loop of part_of has no root
		seen := map[*Agreement]bool{}
		for x := ag; x != nil; x = x.PartOf {
			if seen[x] {
				ds.Errorf(ag.PartOfRef.Pos, "part_of maakt een kring: %q is (via andere) deel van zichzelf", ag.ID)
				ag.PartOf = nil
				break
			}
			seen[x] = true
		}
	}
	return ds
}

func others(ids []string, self string) []string {
	var out []string
	for _, id := range ids {
		if id != self {
			out = append(out, id)
		}
	}
	return out
}
