package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/hookscan/hookscan/rules"
	"github.com/hookscan/hookscan/scanner"
)

// ReadFindings reads a report hookscan wrote, in json or sarif format,
// back into findings, so that reports of separate runs (the shards of an
// organisation scan) can be merged. name is the report's file name, for
// errors.
//
// A json report gives back every field it holds. A SARIF report holds
// less: the rule, place, fingerprint, repository, commit, date and
// whether HEAD still has the secret come back, the redacted secret is
// taken from the message, and the severity from the rule's
// security-severity; the rest (provider, kind, author) is left to the
// caller, who can fill it from the rule.
func ReadFindings(name string, data []byte) ([]scanner.Finding, error) {
	trimmed := bytes.TrimSpace(data)
	switch {
	case len(trimmed) == 0:
		return nil, fmt.Errorf("read report %s: empty file", name)
	case !json.Valid(data):
		return nil, fmt.Errorf("read report %s: %s", name, jsonProblem(data))
	case trimmed[0] == '[':
		var fs []scanner.Finding
		if err := json.Unmarshal(trimmed, &fs); err != nil {
			return nil, fmt.Errorf("read report %s: not a hookscan json report: %w", name, err)
		}
		return fs, nil
	case trimmed[0] == '{':
		return findingsFromSARIF(name, trimmed)
	}
	return nil, fmt.Errorf("read report %s: not a json or sarif report (text reports cannot be merged; write them with -f json or -f sarif)", name)
}

// jsonProblem says where data, which is not valid JSON, goes wrong: a
// report cut short (an interrupted write, a full disk) or a character
// JSON does not allow there, by line and column.
func jsonProblem(data []byte) string {
	var v any
	err := json.Unmarshal(data, &v)
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return fmt.Sprintf("invalid JSON: %v", err)
	}
	if se.Offset >= int64(len(data)) {
		return "truncated JSON: the file ends before the report does"
	}
	before := data[:max(se.Offset-1, 0)]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len(before) - bytes.LastIndexByte(before, '\n')
	return fmt.Sprintf("invalid JSON at line %d, column %d: %v", line, col, se)
}

// sarifIn is the part of a SARIF log ReadFindings needs.
type sarifIn struct {
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name  string `json:"name"`
				Rules []struct {
					ID               string         `json:"id"`
					ShortDescription sarifMessage   `json:"shortDescription"`
					Properties       sarifRuleProps `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID              string            `json:"ruleId"`
			RuleIndex           *int              `json:"ruleIndex"`
			Message             sarifMessage      `json:"message"`
			Locations           []sarifLocation   `json:"locations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Properties          *sarifResultProps `json:"properties"`
		} `json:"results"`
	} `json:"runs"`
}

func findingsFromSARIF(name string, data []byte) ([]scanner.Finding, error) {
	var log sarifIn
	if err := json.Unmarshal(data, &log); err != nil {
		return nil, fmt.Errorf("read report %s: not a sarif report: %w", name, err)
	}
	if log.Version != "2.1.0" {
		return nil, fmt.Errorf("read report %s: sarif version %q, want 2.1.0", name, log.Version)
	}
	var out []scanner.Finding
	for ri, run := range log.Runs {
		if run.Tool.Driver.Name != sarifTool {
			return nil, fmt.Errorf("read report %s: run %d comes from %q, not hookscan", name, ri+1, run.Tool.Driver.Name)
		}
		severity := map[string]string{}
		desc := map[string]string{}
		for _, r := range run.Tool.Driver.Rules {
			severity[r.ID] = severityOf(r.Properties.SecuritySeverity)
			desc[r.ID] = r.ShortDescription.Text
		}
		for i, res := range run.Results {
			if len(res.Locations) == 0 {
				return nil, fmt.Errorf("read report %s: run %d result %d has no location", name, ri+1, i+1)
			}
			loc := res.Locations[0].PhysicalLocation
			file, err := url.PathUnescape(strings.TrimPrefix(loc.ArtifactLocation.URI, "file://"))
			if err != nil {
				return nil, fmt.Errorf("read report %s: run %d result %d: artifact URI %q: %w", name, ri+1, i+1, loc.ArtifactLocation.URI, err)
			}
			f := scanner.Finding{
				RuleID:      res.RuleID,
				Severity:    severity[res.RuleID],
				Description: desc[res.RuleID],
				File:        file,
				Line:        loc.Region.StartLine,
				Column:      loc.Region.StartColumn,
				EndLine:     loc.Region.EndLine,
				EndColumn:   loc.Region.EndColumn - 1,
				Secret:      messageSecret(res.Message.Text),
				Fingerprint: res.PartialFingerprints[FingerprintKey],
			}
			if p := res.Properties; p != nil {
				f.Repository, f.Commit, f.InHead, f.DecodedFrom = p.Repository, p.Commit, p.InHead, p.DecodedFrom
				if p.Date != "" {
					if d, err := time.Parse(time.RFC3339, p.Date); err == nil {
						f.Date = d
					}
				}
			}
			out = append(out, f)
		}
	}
	return out, nil
}

// severityOf turns a security-severity score back into the severity
// securitySeverity gave it.
func severityOf(score string) string {
	for _, s := range rules.Severities {
		if securitySeverity(s) == score {
			return s
		}
	}
	return ""
}

// messageSecret finds the redacted secret in a result's message, written
// as "Hard-coded … (abcd…)." or "(https://host/…/****)." by sarifResultFor.
func messageSecret(msg string) string {
	end := strings.Index(msg, ").")
	if end < 0 {
		return ""
	}
	start := strings.LastIndex(msg[:end], " (")
	if start < 0 {
		return ""
	}
	s := msg[start+2 : end]
	if !strings.HasSuffix(s, "…") && !strings.HasSuffix(s, masked) {
		return ""
	}
	return s
}
