package org

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// Shard is one of Count parts of an organisation, Index counted from 1.
// The zero value is the whole organisation.
type Shard struct {
	Index, Count int
}

// ParseShard reads "I/N" (1 ≤ I ≤ N).
func ParseShard(s string) (Shard, error) {
	i, n, ok := strings.Cut(s, "/")
	if !ok {
		return Shard{}, fmt.Errorf("parse shard %q: want I/N, such as 2/5", s)
	}
	index, err1 := strconv.Atoi(strings.TrimSpace(i))
	count, err2 := strconv.Atoi(strings.TrimSpace(n))
	if err1 != nil || err2 != nil || count < 1 || index < 1 || index > count {
		return Shard{}, fmt.Errorf("parse shard %q: want I/N with 1 ≤ I ≤ N, such as 2/5", s)
	}
	return Shard{Index: index, Count: count}, nil
}

// String is "I/N", or "1/1" for the whole organisation.
func (s Shard) String() string {
	if s.Count <= 1 {
		return "1/1"
	}
	return strconv.Itoa(s.Index) + "/" + strconv.Itoa(s.Count)
}

// Has reports whether the repository named fullName (owner/name) belongs
// to this shard. The assignment is FNV-1a of the lower-cased name modulo
// Count: stable across runs, machines and versions, and the same whatever
// order the listing comes in, so shards need no coordination.
func (s Shard) Has(fullName string) bool {
	if s.Count <= 1 {
		return true
	}
	h := fnv.New64a()
	h.Write([]byte(strings.ToLower(fullName)))
	return int(h.Sum64()%uint64(s.Count)) == s.Index-1
}
