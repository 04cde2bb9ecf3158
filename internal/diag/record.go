package diag

// Record is a diagnostic as data, for machine-readable output (prestatie
// --format json) and the preview server's error overlay.
type Record struct {
	File     string `json:"file"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"column,omitempty"`
	Severity string `json:"severity"` // "error" or "warning"
	Message  string `json:"message"`
	Text     string `json:"text"` // as printed: "file:line:col: message"
}

// Records turns the list, sorted, into records.
func (l List) Records() []Record {
	rs := []Record{}
	for _, d := range l.Sort() {
		sev := "error"
		if d.Severity == Warning {
			sev = "warning"
		}
		rs = append(rs, Record{File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col, Severity: sev, Message: d.Msg, Text: d.String()})
	}
	return rs
}
