package hardcoded

// The rules file named in the plugin's settings is loaded.
const hook = "https://hooks.acme.test/in/Qm7Rt2Xv9Lp4Kz8Wb3Nc6Hd1" // want `acme-webhook-url`
