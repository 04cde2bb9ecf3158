// Command gen writes a synthetic site of N agreements for measuring the
// build at scale (make bench-scale):
//
//	go run ./internal/corpus/gen -n 200 -o /tmp/corpus-200
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/prestatie/prestatie/internal/corpus"
)

func main() {
	n := flag.Int("n", 50, "aantal overeenkomsten")
	out := flag.String("o", "", "map voor de site (mag nog niet bestaan of moet leeg zijn)")
	flag.Parse()
	if *out == "" || *n < 1 {
		fmt.Fprintln(os.Stderr, "gebruik: gen -n AANTAL -o MAP")
		os.Exit(2)
	}
	if err := corpus.Write(*out, *n); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
