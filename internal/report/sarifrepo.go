package report

import (
	"encoding/json"
	"fmt"
	"strings"
)

// SARIFForRepository keeps, of a SARIF log, the results that belong to
// repository (owner/name): those whose properties.repository names it,
// in any case as GitHub names do, and those that name no repository (a
// report of one repository's own scan). An organisation report names
// each result's repository, and a code scanning upload belongs to one:
// another repository's results would show as this one's alerts.
//
// It returns the log to upload, the very bytes when nothing was left
// out, the number of results kept, and the number left out for each
// other repository. name is the log's file name, for errors.
func SARIFForRepository(name string, data []byte, repository string) (out []byte, kept int, others map[string]int, err error) {
	if !json.Valid(data) {
		return nil, 0, nil, fmt.Errorf("read SARIF %s: %s", name, jsonProblem(data))
	}
	var log map[string]json.RawMessage
	if err := json.Unmarshal(data, &log); err != nil {
		return nil, 0, nil, fmt.Errorf("read SARIF %s: %w", name, err)
	}
	var runs []map[string]json.RawMessage
	if raw, ok := log["runs"]; ok {
		if err := json.Unmarshal(raw, &runs); err != nil {
			return nil, 0, nil, fmt.Errorf("read SARIF %s: runs: %w", name, err)
		}
	}
	others = map[string]int{}
	for ri, run := range runs {
		var results []json.RawMessage
		if raw, ok := run["results"]; ok {
			if err := json.Unmarshal(raw, &results); err != nil {
				return nil, 0, nil, fmt.Errorf("read SARIF %s: run %d: results: %w", name, ri+1, err)
			}
		}
		keep := results[:0]
		for i, res := range results {
			var r struct {
				Properties struct {
					Repository string `json:"repository"`
				} `json:"properties"`
			}
			if err := json.Unmarshal(res, &r); err != nil {
				return nil, 0, nil, fmt.Errorf("read SARIF %s: run %d result %d: %w", name, ri+1, i+1, err)
			}
			if repo := r.Properties.Repository; repo != "" && !strings.EqualFold(repo, repository) {
				others[repo]++
				continue
			}
			keep = append(keep, res)
		}
		kept += len(keep)
		if len(keep) < len(results) {
			if run["results"], err = json.Marshal(keep); err != nil {
				return nil, 0, nil, err
			}
		}
	}
	if len(others) == 0 {
		return data, kept, others, nil
	}
	if log["runs"], err = json.Marshal(runs); err != nil {
		return nil, 0, nil, err
	}
	if out, err = json.Marshal(log); err != nil {
		return nil, 0, nil, err
	}
	return out, kept, others, nil
}
