package verify

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/hookscan/hookscan/scanner"
)

// Cache remembers verification results by fingerprint for a while, in one
// JSON file. It never holds a secret: a fingerprint is a truncated hash of
// the rule id and the secret, and a result's detail never names the
// secret. Errors are not cached, so they are asked again next run.
type Cache struct {
	path string
	ttl  time.Duration
	now  func() time.Time

	mu      sync.Mutex
	entries map[string]cacheEntry
	dirty   bool
}

type cacheEntry struct {
	Status  string    `json:"status"`
	Detail  string    `json:"detail,omitempty"`
	Checked time.Time `json:"checked"`
}

// DefaultCachePath is the cache file in the user's cache directory
// ($XDG_CACHE_HOME/hookscan/verify.json on Linux).
func DefaultCachePath() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("find cache directory: %w", err)
	}
	return filepath.Join(dir, "hookscan", "verify.json"), nil
}

// OpenCache reads the cache at path, keeping results younger than ttl. A
// missing file is an empty cache; an unreadable one is an error.
func OpenCache(path string, ttl time.Duration) (*Cache, error) {
	c := &Cache{path: path, ttl: ttl, now: time.Now, entries: map[string]cacheEntry{}}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read verification cache %s: %w", path, err)
	}
	if err := json.Unmarshal(data, &c.entries); err != nil {
		// A damaged cache costs only requests: start afresh.
		c.entries = map[string]cacheEntry{}
		c.dirty = true
	}
	return c, nil
}

// Get returns the result cached for a fingerprint, if it is fresh.
func (c *Cache) Get(fp string) (scanner.Verification, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[fp]
	if !ok || c.now().Sub(e.Checked) > c.ttl {
		return scanner.Verification{}, false
	}
	return scanner.Verification{Status: e.Status, Detail: e.Detail}, true
}

// Put records a result.
func (c *Cache) Put(fp string, v scanner.Verification) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[fp] = cacheEntry{Status: v.Status, Detail: v.Detail, Checked: c.now()}
	c.dirty = true
}

// Save writes the cache back, dropping stale results, through a temporary
// file so a crash leaves the old cache whole. The file is private to the
// user.
func (c *Cache) Save() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.dirty {
		return nil
	}
	for fp, e := range c.entries {
		if c.now().Sub(e.Checked) > c.ttl {
			delete(c.entries, fp)
		}
	}
	data, err := json.MarshalIndent(c.entries, "", "  ")
	if err != nil {
		return fmt.Errorf("write verification cache: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(c.path), 0o700); err != nil {
		return fmt.Errorf("write verification cache: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.path), ".verify-*.json")
	if err != nil {
		return fmt.Errorf("write verification cache: %w", err)
	}
	_, werr := tmp.Write(append(data, '\n'))
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write verification cache %s: %w", c.path, err)
	}
	if err := os.Rename(tmp.Name(), c.path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write verification cache %s: %w", c.path, err)
	}
	c.dirty = false
	return nil
}
