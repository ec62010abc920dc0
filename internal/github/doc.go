// Package github reports hookscan's findings to GitHub with go-github: one
// pull request review whose line comments sit on the secrets a pull
// request adds, one summary comment per pull request that is edited in
// place, one issue per leaked secret with its rotation checklist, and
// SARIF uploads to code scanning.
//
// The package never scans: callers hand it findings (from scanner.History
// over a pull request's range, or over the whole history) and the rule
// set whose guidance the bodies are rendered from. Nothing it sends holds
// a full secret: bodies show secrets through report.Redact and name them
// by fingerprint. Hidden HTML comments ("<!-- hookscan:… -->") in the
// bodies it writes let later runs find their own comments and issues, so
// a re-run on the same commit writes nothing.
//
// API calls go through a transport that waits out GitHub's rate limits
// (secondary limits by Retry-After, the primary limit until its reset when
// that is near), retries server errors a bounded number of times, and
// spaces out the requests that create content. Errors name the missing
// token permission in one line and never hold the token.
package github
