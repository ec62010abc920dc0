package allow

const fixture = "acmesig_Vb8Tq3Lz7Wm2Xk9Rp4Nd6Hf1Gc5Js0Ya" // hookscan:allow test fixture of the verifier

const leaked = "acmesig_DAnv4UklKFLIkPZxmLTgdgPwrq98houO" // want `acme-signing-secret`
