package allow

const fixture = "acmesig_Vb8Tq3Lz7Wm2Xk9Rp4Nd6Hf1Gc5Js0Ya" // hookscan:allow test fixture of the verifier

const leaked = "acmesig_Lk9Jh8Gf7Ds6Ap5Zx4Cv3Bn2Mq1Wr0Et" // want `acme-signing-secret`
