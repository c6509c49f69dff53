-- The onboarding draft's API key is sealed like the provider's (V41): AES-GCM bound to table, column and row. The clear
-- column stays only for rows written before this version; the store seals and empties them when it is opened.
ALTER TABLE onboarding ADD COLUMN api_key_enc VARBINARY(65536);
