-- Atlas Onboard store, schema 3: store metadata, e.g. the key-check value that binds vault.json to this database.
CREATE TABLE store_meta (
    meta_key    VARCHAR(100) PRIMARY KEY,
    meta_value  VARBINARY(4096) NOT NULL
);
