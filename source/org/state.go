package org

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"time"
)

// stateVersion is written to every state file and checked on load.
const stateVersion = 1

// State is what the last run saw of each repository: a small JSON file a
// workflow can cache between runs.
type State struct {
	// Version is the file's format version.
	Version int `json:"version"`
	// Repositories maps owner/name to what was scanned.
	Repositories map[string]RepoState `json:"repositories"`
}

// RepoState is one repository as the last completed scan saw it.
type RepoState struct {
	// DefaultBranch is the branch HEAD named.
	DefaultBranch string `json:"defaultBranch,omitempty"`
	// Refs maps every branch and tag to its object id.
	Refs map[string]string `json:"refs"`
	// Scanned is when the scan finished.
	Scanned time.Time `json:"scanned"`
}

// LoadState reads a state file; a missing file is an empty state.
func LoadState(path string) (*State, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &State{Version: stateVersion, Repositories: map[string]RepoState{}}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read state: %w", err)
	}
	var s State
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("read state %s: not a hookscan state file: %w", path, err)
	}
	if s.Version != stateVersion {
		return nil, fmt.Errorf("read state %s: version %d, want %d", path, s.Version, stateVersion)
	}
	if s.Repositories == nil {
		s.Repositories = map[string]RepoState{}
	}
	return &s, nil
}

// Save writes the state to path, replacing it only once it is complete.
func (s *State) Save(path string) error {
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return fmt.Errorf("write state %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".state-")
	if err != nil {
		return fmt.Errorf("write state %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("write state %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write state %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write state %s: %w", path, err)
	}
	return nil
}

// unchanged reports whether refs are exactly what the state holds for
// name.
func (s *State) unchanged(name string, refs map[string]string) bool {
	if s == nil {
		return false
	}
	old, ok := s.Repositories[name]
	return ok && maps.Equal(old.Refs, refs)
}
