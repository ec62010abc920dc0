package generics

type Secret interface{ ~string | ~[]byte }

func Sign[K Secret](key K) K { return key }

type Box[T any] struct{ V T }

var signed = Sign("acmesig_Vb8Tq3Lz7Wm2Xk9Rp4Nd6Hf1Gc5Js0Ya") // want `acme-signing-secret`

var boxed = Box[string]{V: "https://hooks.acme.test/in/Qm7Rt2Xv9Lp4Kz8Wb3Nc6Hd1"} // want `acme-webhook-url`
