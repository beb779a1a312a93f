import { LOG_POSITION } from '#domain/shared/log-checkpoint.js';

/*
 * The textual forms positions and instants take on the wire, shared by the DTOs that check them and the
 * code that parses them, so that every route accepts exactly the same spellings.
 */

/** A global position as a decimal string: positions are 64-bit, beyond what a JSON number holds exactly. */
export const POSITION = LOG_POSITION;

/** An ISO-8601 date-time whose offset is required: a time without one would be read in the server's time zone. */
export const DATE_TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** `<category>-<id>` as `streamId()` builds it: a category of letters and digits, a dash, an id. */
export const STREAM_ID = /^[A-Za-z][A-Za-z0-9]{0,99}-[A-Za-z0-9][A-Za-z0-9._:-]{0,299}$/;

/** Event types and stream categories are identifiers: a letter, then letters and digits. */
export const EVENT_NAME = /^[A-Za-z][A-Za-z0-9]{0,99}$/;
