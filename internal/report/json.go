package report

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"

	"github.com/hookscan/hookscan/scanner"
)

// WriteJSON writes the findings as one indented JSON array (an empty array
// when there are none), with the keys of scanner.Finding's JSON tags and
// the secret redacted unless opts.NoRedact. The rotation steps open with
// what to do first where the finding was found (see Lead).
func WriteJSON(w io.Writer, findings []scanner.Finding, opts Options) error {
	out := slices.Clone(findings)
	if out == nil {
		out = []scanner.Finding{}
	}
	for i := range out {
		f := &out[i]
		f.Fingerprint = fingerprint(f)
		f.Secret = opts.secret(f.Secret)
		f.Rotation, f.GuideURL = rotation(f, opts)
		f.Rotation = fitRotation(f.Rotation, f, opts.Source)
		if math.IsNaN(f.Entropy) || math.IsInf(f.Entropy, 0) {
			// JSON has no NaN; one odd value must not lose the report.
			f.Entropy = 0
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	// URLs are common in webhook findings; keep & < > readable.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("write json report: %w", err)
	}
	return nil
}
