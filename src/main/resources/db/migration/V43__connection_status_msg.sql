-- The stored connection status keeps its diagnosis and its summary (validation policy, quota) as message keys with
-- arguments (JSON, see MsgCodec) next to the English text, so a status read back renders in the user's language.
-- Rows written before this version have NULL here and show their English text.
ALTER TABLE provider ADD COLUMN status_diagnosis_msg CLOB;
ALTER TABLE provider ADD COLUMN status_summary_msg CLOB;
