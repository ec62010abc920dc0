// Package org scans every repository of a GitHub organisation: it lists
// them through the REST API (paginated, rate limits waited out), keeps a
// bare clone of each in a cache directory, and runs the history source on
// each clone, so that every finding names its repository.
//
// Work is split without coordination: Shard assigns each repository to one
// of N shards by a stable hash of its name, so the jobs of a GitHub Actions
// matrix or a Kubernetes Indexed Job each scan their own part and Merge
// joins their reports. State makes reruns cheap: a repository whose refs
// have not moved since the last run is skipped after one ref listing,
// without a clone or fetch, and one whose refs moved has only the new
// commits scanned.
package org
