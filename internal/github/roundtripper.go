package github

import "net/http"

// NewTransport returns the round tripper every Client sends its requests
// through, for hookscan's other go-github clients (the organisation
// listing): it waits out primary and secondary rate limits and 429s up to
// opts.MaxWait, retries server errors and unanswered requests, and spaces
// out writes. Only the Transport, Log, MaxWait, Retries, WriteInterval,
// Sleep and Now fields of opts matter here.
func NewTransport(opts Options) http.RoundTripper {
	opts = opts.withDefaults()
	return &transport{base: opts.Transport, opts: opts}
}
