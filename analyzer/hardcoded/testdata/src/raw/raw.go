package raw

// A YAML document embedded in Go: the report points at the line of the
// secret inside the raw string.
// want +4 `acme-webhook-url`
const manifest = `
kind: ConfigMap
data:
  hook: https://hooks.acme.test/in/Qm7Rt2Xv9Lp4Kz8Wb3Nc6Hd1
`

const one = `acmesig_Vb8Tq3Lz7Wm2Xk9Rp4Nd6Hf1Gc5Js0Ya` // want `acme-signing-secret`
