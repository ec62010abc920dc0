// Package source turns directory trees, readers and git repositories (the
// whole history, a commit range, the staged index) into fragments for the
// engine in package scanner. Concurrency lives here: files are read by the
// scanning goroutines, git objects by one reader feeding many scanners.
package source
