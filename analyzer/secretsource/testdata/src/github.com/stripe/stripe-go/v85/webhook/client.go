// Package webhook is a stub of stripe-go's webhook package.
package webhook

import "time"

type Event struct{ Type string }

type ConstructEventOptions struct{ Tolerance time.Duration }

func ConstructEvent(payload []byte, header string, secret string) (Event, error) { return Event{}, nil }

func ConstructEventWithOptions(payload []byte, header string, secret string, options ConstructEventOptions) (Event, error) {
	return Event{}, nil
}

func ValidatePayload(payload []byte, header string, secret string) error { return nil }
