-- The authorization domain (ADN) chosen for a claim: the TXT record goes there and verification names it, also
-- after a restart. NULL: the claimed name itself.
ALTER TABLE domain_claim ADD COLUMN authorization_domain VARCHAR(255);
