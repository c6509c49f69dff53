-- The API key is sealed like the other provider secrets (AES-GCM bound to table, column and row). The clear column
-- stays only for rows written before this version; the store seals and clears them when it is opened.
ALTER TABLE provider ADD COLUMN api_key_enc VARBINARY(2048);
ALTER TABLE provider ALTER COLUMN api_key SET NULL;
