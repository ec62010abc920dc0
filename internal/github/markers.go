package github

import (
	"encoding/json"
	"net/url"
	"strings"
)

// Hidden markers: HTML comments in the bodies hookscan writes, which
// GitHub does not show, and which later runs read back to find their own
// comments and issues and what those already say.
const (
	markerPrefix  = "<!-- hookscan:"
	markerSuffix  = " -->"
	markSummary   = "summary"
	markState     = "state"
	markFinding   = "finding"
	markIssue     = "issue"
	markLocations = "locations"
)

// marker returns an HTML comment that holds name and, when given, a value.
func marker(name, value string) string {
	if value == "" {
		return markerPrefix + name + markerSuffix
	}
	return markerPrefix + name + " " + value + markerSuffix
}

// jsonMarker returns a marker holding v as JSON. encoding/json escapes <
// and >, so the JSON can never end the comment early.
func jsonMarker(name string, v any) string {
	// Only structs of strings, numbers and booleans come here, which
	// always marshal.
	data, _ := json.Marshal(v)
	return marker(name, string(data))
}

// findMarker returns the value of the first marker called name in body.
func findMarker(body, name string) (string, bool) {
	start := markerPrefix + name
	for rest := body; ; {
		i := strings.Index(rest, start)
		if i < 0 {
			return "", false
		}
		rest = rest[i+len(start):]
		if strings.HasPrefix(rest, markerSuffix) {
			return "", true
		}
		if !strings.HasPrefix(rest, " ") {
			continue // a longer name that starts the same
		}
		end := strings.Index(rest, markerSuffix)
		if end < 0 {
			return "", false
		}
		return rest[1:end], true
	}
}

// fields reads "k=v k2=v2" (values query-escaped) into a map.
func fields(v string) map[string]string {
	m := map[string]string{}
	for f := range strings.FieldsSeq(v) {
		k, val, ok := strings.Cut(f, "=")
		if !ok {
			continue
		}
		if u, err := url.QueryUnescape(val); err == nil {
			val = u
		}
		m[k] = val
	}
	return m
}

// findingMarker marks a review comment with the secret and file it is
// about.
func findingMarker(fp, file string) string {
	return marker(markFinding, "fp="+markerValue(fp)+" file="+markerValue(file))
}

// findingKey names a secret in a file: what a review comment is about.
func findingKey(fp, file string) string { return fp + "\x00" + file }

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }
