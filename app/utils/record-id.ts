// Record ids in admin URLs and cursors are cuids: anything else (a NUL character included, which
// PostgreSQL refuses with an error rather than finding nothing) names no record and is not looked up.
export const RECORD_ID = /^[\w-]{1,64}$/;

export const isRecordId = (id: string | null | undefined): id is string => RECORD_ID.test(id ?? "");
