// Between the form's text fields and a record's data: filling the fields from a record,
// and building the data back and checking it with the record type's zod schema, with
// each problem attached to its field in plain words.
import { recordSchemas } from '../../src/api/records.ts';
import { RECORD_KINDS, isJsonKind, type EditableType } from './record-kinds.ts';

export type Values = Record<string, string>;
export type Problems = Record<string, string>;

export function valuesFrom(type: EditableType, data: unknown): Values {
  const source = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  if (isJsonKind(type)) return { '': data === undefined ? '{\n  \n}' : JSON.stringify(data, null, 2) };
  return Object.fromEntries(RECORD_KINDS[type].fields.map((field) => [field.key, source[field.key] === undefined ? '' : String(source[field.key])]));
}

/** The record data, or the problems that keep it from being valid. */
export function dataFrom(type: EditableType, values: Values): { data: unknown } | { problems: Problems } {
  const kind = RECORD_KINDS[type];
  const problems: Problems = {};
  const data: Record<string, unknown> = {};
  for (const field of kind.fields) {
    const raw = values[field.key] ?? '';
    const text = field.kind === 'code' ? raw.trim().toUpperCase() : raw;
    if (field.kind === 'json') {
      try {
        return check(type, JSON.parse(raw) as unknown);
      } catch (error) {
        return { problems: { [field.key]: `This is not valid JSON (${error instanceof Error ? error.message : 'could not read it'}).` } };
      }
    }
    // An empty optional field is left out; an empty required one goes to the schema,
    // which says "must not be empty" (or what shape it wants).
    if (text.trim() === '' && field.required !== true) continue;
    if (field.kind === 'number') {
      const number = Number(text.trim().replace(',', '.'));
      if (text.trim() === '' || !Number.isFinite(number)) problems[field.key] = 'Must be a number, such as 12.50.';
      else data[field.key] = number;
      continue;
    }
    data[field.key] = text;
  }
  if (Object.keys(problems).length > 0) return { problems };
  return check(type, data);
}

function check(type: EditableType, data: unknown): { data: unknown } | { problems: Problems } {
  const parsed = recordSchemas[type].safeParse(data);
  if (parsed.success) return { data: parsed.data };
  const problems: Problems = {};
  const fields = RECORD_KINDS[type].fields;
  for (const issue of parsed.error.issues) {
    // Free-form records have one field; anything else maps to the field it names.
    const key = isJsonKind(type) ? '' : String(issue.path[0] ?? '');
    const field = fields.find((candidate) => candidate.key === key) ?? fields[0];
    if (field === undefined || problems[field.key] !== undefined) continue;
    const where = isJsonKind(type) && issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
    problems[field.key] = `${field.label}${where === '' ? '' : ` (${where.slice(0, -2)})`} ${plain(issue.message)}.`;
  }
  return { problems };
}

/** zod's own messages (for shapes our schemas do not word) into plain words. */
function plain(message: string): string {
  if (/expected record/i.test(message)) return 'must be a JSON object, such as {"shoe size": 42}';
  if (/^Invalid input/i.test(message)) return 'is not in a form Kith understands';
  return message;
}
