package content

import (
	"testing"
	"testing/fstest"

	"github.com/prestatie/prestatie/internal/corpus"
)

// BenchmarkLoadCorpus loads a generated corpus of 20 agreements from memory
// (no disk reads): YAML decoding, Markdown item marking and validation.
//
//	go test ./internal/content -run '^$' -bench LoadCorpus -benchmem -cpuprofile cpu.out
func BenchmarkLoadCorpus(b *testing.B) {
	fsys := fstest.MapFS{}
	for p, text := range corpus.Files(20) {
		fsys[p] = &fstest.MapFile{Data: []byte(text)}
	}
	for b.Loop() {
		if _, ds := Load(fsys, Options{}); ds.HasErrors() {
			b.Fatal(ds)
		}
	}
}
