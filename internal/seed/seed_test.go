package seed

import (
	"os"
	"strings"
	"testing"
)

func TestMissing(t *testing.T) {
	src := []byte("WOONVISIE\n\n- * 21% tot 1^e grens\nEen zin. Nog een zin: met 'quotes'.\n06/04/2023\n")
	text := Normalise("Woonvisie … 21% tot 1e grens … Een zin … Nog een zin … met ‘quotes’. … 6 april 2023")
	if missing, n := Missing(src, text); len(missing) != 0 || n != 4 {
		t.Errorf("missing %v, checked %d", missing, n)
	}
	missing, _ := Missing(src, Normalise("Woonvisie 21% tot 1e grens Een zin"))
	if len(missing) != 3 || !strings.Contains(missing[0], `"Nog een zin"`) {
		t.Errorf("missing = %v", missing)
	}
	if _, err := os.ReadFile("../../" + File); err != nil {
		t.Fatal(err)
	}
}
