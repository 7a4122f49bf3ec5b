/** Agent stream ids: stable per node and log lineage, safe in batch ids and logs. */
export const STREAM_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
export const STREAM_ID_RULE = '1-128 letters, digits, ".", "_", ":" or "-"';
