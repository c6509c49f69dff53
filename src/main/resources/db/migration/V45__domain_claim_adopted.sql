-- When the store took a claim over from GlobalSign's list instead of creating it (a claim created at GlobalSign but
-- never saved here: a crash or a lost answer, or one made in the portal); NULL for claims this store created.
ALTER TABLE domain_claim ADD COLUMN adopted_at TIMESTAMP WITH TIME ZONE;
