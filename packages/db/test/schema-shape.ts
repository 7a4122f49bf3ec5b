import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type pg from 'pg';

/**
 * The relational shape both sides are reduced to: what `prisma migrate diff`
 * would compare (tables, columns, types, nullability, defaults present,
 * primary keys, unique and plain indexes, foreign keys, enums).
 */
export interface Shape {
  enums: Record<string, string[]>;
  tables: Record<string, { columns: Record<string, string>; indexes: string[]; foreignKeys: string[] }>;
}

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'enum' | 'object';
  type: string;
  nativeType?: [string, string[]] | null;
  isRequired: boolean;
  isList: boolean;
  hasDefaultValue?: boolean;
  default?: unknown;
  isUpdatedAt?: boolean;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  dbName?: string | null;
  fields: { name: string }[];
}
interface Dmmf {
  datamodel: { models: DmmfModel[]; enums: { name: string; dbName: string | null; values: { name: string }[] }[]; indexes: DmmfIndex[] };
}

const SCALAR_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'int4',
  BigInt: 'int8',
  Float: 'float8',
  Boolean: 'bool',
  DateTime: 'timestamp(3)',
  Json: 'jsonb',
  Decimal: 'numeric(65,30)',
  Bytes: 'bytea',
};
const NATIVE_TYPES: Record<string, (args: string[]) => string> = {
  Timestamptz: (a) => `timestamptz(${a[0] ?? 6})`,
  Timestamp: (a) => `timestamp(${a[0] ?? 6})`,
  Date: () => 'date',
  Text: () => 'text',
  Uuid: () => 'uuid',
  Inet: () => 'inet',
  JsonB: () => 'jsonb',
};

export function shapeFromPrismaSchema(schemaPath: string): Shape {
  const wasm = createRequire(import.meta.url)('@prisma/prisma-schema-wasm') as { get_dmmf(params: string): string };
  const schema = readFileSync(schemaPath, 'utf8');
  const dmmf = JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: [['schema.prisma', schema]] }))) as Dmmf;
  const enumDb = new Map(dmmf.datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const shape: Shape = { enums: {}, tables: {} };
  for (const e of dmmf.datamodel.enums) shape.enums[e.dbName ?? e.name] = e.values.map((v) => v.name);
  const tableOf = new Map(dmmf.datamodel.models.map((m) => [m.name, m.dbName ?? m.name]));
  const columnOf = (model: DmmfModel, field: string) => {
    const f = model.fields.find((x) => x.name === field)!;
    return f.dbName ?? f.name;
  };
  for (const model of dmmf.datamodel.models) {
    const table = tableOf.get(model.name)!;
    const columns: Record<string, string> = {};
    const foreignKeys: string[] = [];
    for (const f of model.fields) {
      if (f.kind === 'object') {
        if (f.relationFromFields?.length) {
          const target = dmmf.datamodel.models.find((m) => m.name === f.type)!;
          const from = f.relationFromFields.map((x) => columnOf(model, x));
          const to = f.relationToFields!.map((x) => columnOf(target, x));
          foreignKeys.push(
            `${table}_${from.join('_')}_fkey (${from}) -> ${tableOf.get(f.type)}(${to}) on delete ${(f.relationOnDelete ?? 'Restrict').toLowerCase()} on update ${(f.relationOnUpdate ?? 'Cascade').toLowerCase()}`,
          );
        }
        continue;
      }
      const native = f.nativeType ? NATIVE_TYPES[f.nativeType[0]]?.(f.nativeType[1]) : undefined;
      const base = f.kind === 'enum' ? enumDb.get(f.type)! : (native ?? SCALAR_TYPES[f.type]);
      if (!base) throw new Error(`no type mapping for ${model.name}.${f.name} (${f.type})`);
      const hasDefault =
        f.default !== undefined &&
        !(typeof f.default === 'object' && f.default !== null && 'name' in f.default && (f.default as { name: string }).name === 'cuid');
      columns[f.dbName ?? f.name] = `${base}${f.isList ? '[]' : ''} ${f.isRequired ? 'not null' : 'null'}${hasDefault ? ' default' : ''}`;
    }
    const indexes = dmmf.datamodel.indexes
      .filter((i) => i.model === model.name)
      .map((i) => {
        const cols = i.fields.map((x) => columnOf(model, x.name));
        const suffix = i.type === 'id' ? 'pkey' : i.type === 'unique' ? 'key' : 'idx';
        const name = i.dbName ?? (i.type === 'id' ? `${table}_pkey` : `${table}_${cols.join('_')}_${suffix}`);
        return `${i.type === 'normal' ? 'index' : i.type === 'id' ? 'primary' : 'unique'} ${name} (${cols})`;
      });
    shape.tables[table] = { columns, indexes: indexes.sort(), foreignKeys: foreignKeys.sort() };
  }
  return shape;
}

const ACTIONS: Record<string, string> = { a: 'noaction', r: 'restrict', c: 'cascade', n: 'setnull', d: 'setdefault' };

/** Reads the same shape from a live database, leaving out the tables Prisma does not model. */
export async function shapeFromDatabase(client: pg.Client, skipTables: (name: string) => boolean): Promise<Shape> {
  const shape: Shape = { enums: {}, tables: {} };
  const enums = await client.query<{ name: string; value: string }>(
    `SELECT t.typname AS name, e.enumlabel AS value FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid ORDER BY t.typname, e.enumsortorder`,
  );
  for (const r of enums.rows) (shape.enums[r.name] ??= []).push(r.value);
  const cols = await client.query<{
    table: string;
    column: string;
    type: string;
    nullable: string;
    hasDefault: boolean;
    precision: number | null;
  }>(
    `SELECT c.table_name AS table, c.column_name AS column, c.udt_name AS type, c.is_nullable AS nullable,
            c.column_default IS NOT NULL AS "hasDefault", c.datetime_precision AS precision
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`,
  );
  for (const r of cols.rows) {
    if (skipTables(r.table)) continue;
    const table = (shape.tables[r.table] ??= { columns: {}, indexes: [], foreignKeys: [] });
    const list = r.type.startsWith('_');
    let type = list ? r.type.slice(1) : r.type;
    if (type === 'timestamptz' || type === 'timestamp') type = `${type}(${r.precision})`;
    table.columns[r.column] = `${type}${list ? '[]' : ''} ${r.nullable === 'NO' ? 'not null' : 'null'}${r.hasDefault ? ' default' : ''}`;
  }
  const idx = await client.query<{ table: string; name: string; primary: boolean; unique: boolean; cols: string[] }>(
    `SELECT t.relname AS table, i.relname AS name, x.indisprimary AS primary, x.indisunique AS unique,
            array_agg(a.attname::text ORDER BY k.ord) AS cols
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
       CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      GROUP BY t.relname, i.relname, x.indisprimary, x.indisunique`,
  );
  for (const r of idx.rows) {
    const table = shape.tables[r.table];
    if (!table) continue;
    table.indexes.push(`${r.primary ? 'primary' : r.unique ? 'unique' : 'index'} ${r.name} (${r.cols})`);
  }
  const fks = await client.query<{ table: string; name: string; cols: string[]; ref: string; refCols: string[]; del: string; upd: string }>(
    `SELECT t.relname AS table, c.conname AS name,
            (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(n, ord) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS cols,
            r.relname AS ref,
            (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(n, ord) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) AS "refCols",
            c.confdeltype AS del, c.confupdtype AS upd
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
      WHERE c.contype = 'f'`,
  );
  for (const r of fks.rows) {
    const table = shape.tables[r.table];
    if (!table) continue;
    table.foreignKeys.push(`${r.name} (${r.cols}) -> ${r.ref}(${r.refCols}) on delete ${ACTIONS[r.del]} on update ${ACTIONS[r.upd]}`);
  }
  for (const t of Object.values(shape.tables)) {
    t.indexes.sort();
    t.foreignKeys.sort();
  }
  return shape;
}
