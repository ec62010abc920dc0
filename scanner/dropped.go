package scanner

import (
	"cmp"
	"slices"
)

// Names of the filters that drop candidates, as Dropped.Filter gives them.
const (
	FilterKeyName     = "key-name"     // the name is of something else: …_id, …_url, public…
	FilterSelfNamed   = "self-named"   // a constant whose value ends its name
	FilterShape       = "shape"        // a hash, host name, version, path, MIME type…
	FilterCode        = "code"         // a name or expression of program text
	FilterUUID        = "uuid"         // a UUID under a name that is not a secret's
	FilterReference   = "reference"    // ${X}, {{ .Values.x }}, os.Getenv(…), vault:…
	FilterPlaceholder = "placeholder"  // changeme, your-…, xxxx, sequences
	FilterIdentifier  = "identifier"   // STRIPE_WEBHOOK_SECRET, webhookSecret
	FilterTestWord    = "test-word"    // test, fake, dummy… in a generic rule's value, or example, fake, mock… in its name
	FilterEntropy     = "entropy"      // below the rule's entropy
	FilterUnquoted    = "unquoted"     // an unquoted value in source code: an expression
	FilterCatalog     = "catalog"      // a translation catalog's message
	FilterPublic      = "public"       // a key published by design: a search box's search-only key, a status badge's token
	FilterEncrypted   = "encrypted"    // a CI service's encrypted variable (secure: …)
	FilterAllowlist   = "allowlist"    // a rule's or the config's allowlist
	FilterInlineAllow = "inline-allow" // the line is marked hookscan:allow
	FilterAllowPaths  = "allow.paths"  // a whole file the config's allow.paths names, left unread
)

// Dropped is a candidate that a filter or an allowlist kept from being
// reported. A file that allow.paths leaves out is never read: its Dropped
// has only File (a directory's ends in "/") and Filter.
type Dropped struct {
	// RuleID is the rule that matched.
	RuleID string
	// File, Line and Column locate the candidate (Line counts the
	// fragment's LineOffset).
	File         string
	Line, Column int
	// Commit is the commit of a history fragment.
	Commit string
	// Secret is the candidate value: callers redact it before showing it.
	Secret string
	// Filter names what dropped it (the Filter… constants).
	Filter string
}

// explainDrop records a reported match that a line-wide check dropped.
func (d *Detector) explainDrop(drops []match, m match, filter string) []match {
	if !d.explain {
		return drops
	}
	m.dropped = filter
	return append(drops, m)
}

// dropped turns the dropped matches into Dropped values: one per place and
// value, and none where a finding of another rule stands.
func (d *Detector) dropped(f Fragment, raw []byte, drops, reported []match) []Dropped {
	if len(drops) == 0 {
		return nil
	}
	// Where rules overlap, the one named is the most specific (the
	// highest priority, then the first in the packs), whatever order the
	// matches came in: a value is named alike in every text that holds it.
	slices.SortStableFunc(drops, func(a, b match) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.rule.priority, a.rule.priority), cmp.Compare(a.rule.index, b.rule.index))
	})
	var out []Dropped
	var pos lineCounter
	type seen struct {
		start, end int
		secret     string
	}
	done := map[seen]bool{}
	for _, m := range drops {
		k := seen{m.start, m.end, m.secret}
		if done[k] {
			continue
		}
		done[k] = true
		if m.dropped != FilterInlineAllow && m.dropped != FilterAllowlist && coveredBy(m, reported) {
			continue // another rule reports this value
		}
		line, col := pos.locate(raw, m.start)
		dr := Dropped{RuleID: m.rule.rule.ID, File: f.Path, Line: line + f.LineOffset, Column: col, Secret: m.secret, Filter: m.dropped}
		if f.Commit != nil {
			dr.Commit = f.Commit.SHA
		}
		out = append(out, dr)
	}
	return out
}

// coveredBy reports whether a reported match overlaps m.
func coveredBy(m match, reported []match) bool {
	for _, r := range reported {
		if overlaps(r.start, r.end, m.start, m.end) {
			return true
		}
	}
	return false
}
