-- Finish on the last wizard step marks the onboarding complete (the start page lists it as such).
ALTER TABLE onboarding ADD COLUMN completed BOOLEAN DEFAULT FALSE NOT NULL;
