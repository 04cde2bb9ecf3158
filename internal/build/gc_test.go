package build

import "testing"

func TestGCLimit(t *testing.T) {
	t.Parallel()
	const mib = 1 << 20
	for _, tc := range []struct {
		n, cores int
		pdfs     bool
		min, max int64 // MiB
	}{
		{0, 2, false, 150, 170},
		{800, 2, false, 340, 355},  // peak about the limit + 14 MiB
		{800, 2, true, 430, 450},   // a PDF per core allocates much while laid out
		{200, 2, false, 200, 215},  // GOGC=300 sets the pace below it
		{1600, 2, false, 520, 540}, // the live heap grows with the site: so does the limit
		{800, 16, false, 560, 580}, // a page per core in flight
	} {
		got := gcLimit(tc.n, tc.pdfs, tc.cores)
		if got < tc.min*mib || got > tc.max*mib {
			t.Errorf("gcLimit(%d, %v, %d) = %d MiB, want %d-%d", tc.n, tc.pdfs, tc.cores, got/mib, tc.min, tc.max)
		}
	}
	if gcLimit(801, false, 2) <= gcLimit(800, false, 2) || gcLimit(800, true, 2) <= gcLimit(800, false, 2) ||
		gcLimit(800, false, 3) <= gcLimit(800, false, 2) {
		t.Error("gcLimit does not grow with agreements, PDFs and cores")
	}
}
