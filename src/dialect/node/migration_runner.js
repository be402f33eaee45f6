'use strict';
// forge's runner for sequelize-cli migrations and seeders. forge starts it with Node as
//   node -e <this file> -- <module path> <shown path> <up|down> <dialect>
// It loads the module (its own require()s resolve from its folder, so the project's node_modules
// are in reach) and calls its up or down with a queryInterface and a Sequelize whose calls are
// carried out by forge: each call becomes one JSON line on fd 4 (forge's declarative operation,
// or SQL), and forge answers each, in order, with one JSON line on fd 3. forge runs them inside
// its own lock and transaction; nothing here talks to the database.
const fs = require('fs');

const [modulePath, shownPath, direction, dialect] = process.argv.slice(-4);
const FROM_FORGE = 3;
const TO_FORGE = 4;

// ---- the pipe to forge -------------------------------------------------------------------

const waiting = []; // one { resolve, reject } per request sent, answered in order
let received = '';
const input = fs.createReadStream(null, { fd: FROM_FORGE, encoding: 'utf8' });
input.on('data', (chunk) => {
  received += chunk;
  let end;
  while ((end = received.indexOf('\n')) >= 0) {
    const line = received.slice(0, end);
    received = received.slice(end + 1);
    const next = waiting.shift();
    if (next) next.resolve(JSON.parse(line));
  }
});
input.on('end', () => {
  // forge is gone (or stopped the unit): nothing may run on.
  process.exit(70);
});

function send(message) {
  const bytes = Buffer.from(JSON.stringify(message) + '\n', 'utf8');
  let written = 0;
  while (written < bytes.length) {
    try {
      written += fs.writeSync(TO_FORGE, bytes, written);
    } catch (error) {
      if (error.code !== 'EAGAIN') throw error;
    }
  }
}

class UnsupportedCall extends Error {}

// A warning on forge's standard error, naming the migration's line.
function warn(text) {
  process.stderr.write(`warning: ${callSite()}: ${text}\n`);
}

// Where in the migration the call was made: `db/migrations/x.js:12`.
function callSite() {
  const stack = new Error().stack.split('\n');
  for (const frame of stack) {
    const at = frame.indexOf(modulePath + ':');
    if (at < 0) continue;
    const line = frame.slice(at + modulePath.length + 1).split(':')[0];
    return `${shownPath}:${line}`;
  }
  return shownPath;
}

function request(call, body, at = callSite()) {
  return new Promise((resolve, reject) => {
    waiting.push({ resolve, reject });
    send(Object.assign({ call, at }, body));
  }).then((reply) => {
    if (!reply.ok) {
      const error = new Error(reply.error);
      error.forgeReported = true;
      throw error;
    }
    return reply;
  });
}

function unsupported(name) {
  throw new UnsupportedCall(
    `${name} is not supported by forge's JavaScript runner; write this step as SQL with ` +
      'queryInterface.sequelize.query(...)'
  );
}

// ---- Sequelize's vocabulary: data types, fn/col/literal, operators -----------------------

const TYPE_KEYS = [
  'STRING', 'CHAR', 'TEXT', 'INTEGER', 'BIGINT', 'SMALLINT', 'TINYINT', 'MEDIUMINT', 'FLOAT',
  'DOUBLE', 'REAL', 'DECIMAL', 'NUMERIC', 'BOOLEAN', 'DATE', 'DATEONLY', 'TIME', 'UUID', 'JSON',
  'JSONB', 'BLOB', 'ENUM', 'CITEXT', 'INET', 'CIDR', 'MACADDR', 'TSVECTOR', 'ARRAY', 'GEOMETRY',
  'GEOGRAPHY', 'HSTORE', 'RANGE', 'VIRTUAL',
  'NOW', 'UUIDV1', 'UUIDV4',
];

// A data type usable as sequelize's are: `T`, `T(args)`, `T({...})`, `T.UNSIGNED`, `new T()`.
function dataType(key) {
  function make(options) {
    const type = function (...args) {
      return make(Object.assign({}, options, argsToOptions(key, args)));
    };
    Object.assign(type, { key, options, forgeType: true });
    for (const flag of ['UNSIGNED', 'ZEROFILL', 'BINARY']) {
      Object.defineProperty(type, flag, {
        get: () => make(Object.assign({}, options, { [flag.toLowerCase()]: true })),
      });
    }
    type.toString = () => key;
    return new Proxy(type, { construct: (target, args) => target(...args) });
  }
  return make({});
}

function argsToOptions(key, args) {
  if (args.length === 1 && args[0] && typeof args[0] === 'object' && !Array.isArray(args[0])) {
    return args[0];
  }
  if (key === 'ENUM') return { values: args.flat() };
  if (key === 'DECIMAL' || key === 'NUMERIC') return { precision: args[0], scale: args[1] };
  if (key === 'FLOAT' || key === 'DOUBLE' || key === 'REAL')
    return { length: args[0], decimals: args[1] };
  if (key === 'ARRAY' || key === 'RANGE') return { type: args[0] };
  if (key === 'GEOMETRY' || key === 'GEOGRAPHY') return { type: args[0], srid: args[1] };
  return args.length ? { length: args[0] } : {};
}

const DataTypes = {};
for (const key of TYPE_KEYS) DataTypes[key] = dataType(key);
DataTypes['DOUBLE PRECISION'] = DataTypes.DOUBLE;

class Fn {
  constructor(fn, args) {
    this.fn = fn;
    this.args = args;
  }
}
class Col {
  constructor(col) {
    this.col = col;
  }
}
class Literal {
  constructor(val) {
    this.val = val;
  }
}

const Op = {};
for (const name of [
  'eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'notIn', 'like', 'notLike', 'iLike', 'notILike',
  'is', 'not', 'between', 'notBetween', 'and', 'or', 'startsWith', 'endsWith', 'substring',
  'regexp', 'notRegexp', 'any', 'all', 'col', 'contains', 'contained', 'overlap',
]) {
  Op[name] = Symbol.for(name);
}

const QueryTypes = {
  SELECT: 'SELECT', INSERT: 'INSERT', UPDATE: 'UPDATE', BULKUPDATE: 'BULKUPDATE',
  BULKDELETE: 'BULKDELETE', DELETE: 'DELETE', UPSERT: 'UPSERT', VERSION: 'VERSION',
  SHOWTABLES: 'SHOWTABLES', SHOWINDEXES: 'SHOWINDEXES', DESCRIBE: 'DESCRIBE', RAW: 'RAW',
  FOREIGNKEYS: 'FOREIGNKEYS', SHOWCONSTRAINTS: 'SHOWCONSTRAINTS',
};

// ---- turning sequelize's values into forge's declarative operations ----------------------

function isFn(value) {
  return value instanceof Fn || (value && value.constructor && value.constructor.name === 'Fn');
}
function isLiteral(value) {
  return (
    value instanceof Literal || (value && value.constructor && value.constructor.name === 'Literal')
  );
}

// The type forge's declarative units take: a portable string (`STRING(100)`, `DECIMAL(10,2)`,
// `ENUM('a')`) where the type and its options are in forge's portable set, otherwise this
// database's own spelling, `{ <dialect>: 'LONGTEXT' }`, written as sequelize writes it here so
// that both tools build the same column.
function typeString(type, attribute) {
  // sequelize puts a type given as text into the DDL as it is.
  if (typeof type === 'string') return native(type);
  if (!type || !type.key) throw new UnsupportedCall(`a column type forge does not know: ${type}`);
  const spec = typeSpec(type, attribute);
  const portable = portableType(spec);
  return portable !== undefined ? portable : native(nativeType(spec));
}

function native(spelling) {
  return { [dialect]: spelling };
}

// What a sequelize type says, whether it is forge's own DataTypes or sequelize's.
function typeSpec(type, attribute) {
  const options = type.options || {};
  const pick = (name, own) => {
    const value = options[name] !== undefined ? options[name] : own;
    return value === '' || value === null ? undefined : value;  // sequelize's "absent"
  };
  return {
    key: type.key,
    length: pick('length', type._length),
    decimals: pick('decimals', type._decimals),
    precision: pick('precision', type._precision),
    scale: pick('scale', type._scale),
    unsigned: Boolean(options.unsigned || type._unsigned),
    zerofill: Boolean(options.zerofill || type._zerofill),
    binary: Boolean(options.binary || type._binary),
    values: options.values || type.values || (attribute && attribute.values) || [],
    inner: options.type || type.type,  // ARRAY(T) and RANGE(T): a type; GEOMETRY('POINT'): a shape
    srid: options.srid || type.srid,
  };
}

const INTEGERS = ['INTEGER', 'BIGINT', 'SMALLINT'];

// The portable type string, or undefined when only the database's own spelling says it.
function portableType(t) {
  const { key, length } = t;
  const plain = !t.unsigned && !t.zerofill && !t.binary;
  switch (key) {
    case 'STRING':
    case 'CHAR':
      if (t.binary) return dialect === 'postgres' ? 'BLOB' : undefined;  // BYTEA
      return length !== undefined ? `${key}(${length})` : key;
    case 'TEXT':
      return length === undefined || dialect !== 'mysql' ? 'TEXT' : undefined;
    case 'BLOB':
      return length === undefined || dialect === 'postgres' ? 'BLOB' : undefined;
    case 'INTEGER':
    case 'BIGINT':
    case 'SMALLINT':
      if (dialect === 'postgres') return key;  // no lengths or UNSIGNED there
      if (dialect === 'sqlite') return length === undefined ? key : undefined;
      if (length !== undefined || t.zerofill) return undefined;
      return t.unsigned ? `${key} UNSIGNED` : key;
    case 'DECIMAL':
    case 'NUMERIC': {
      // A bare DECIMAL means something else on each database: sequelize writes it bare.
      if ((dialect === 'mysql' && !plain) || t.precision === undefined) return undefined;
      return t.scale === undefined ? `DECIMAL(${t.precision})` : `DECIMAL(${t.precision},${t.scale})`;
    }
    case 'FLOAT':
      if (dialect === 'postgres' && t.decimals !== undefined) return 'FLOAT';
      return plain && length === undefined && t.decimals === undefined ? 'FLOAT' : undefined;
    case 'DOUBLE':
    case 'DOUBLE PRECISION':
      if (dialect === 'postgres') return 'DOUBLE';
      return plain && length === undefined && t.decimals === undefined ? 'DOUBLE' : undefined;
    case 'DATE':
      return length === undefined || dialect !== 'mysql' ? 'DATE' : undefined;
    case 'TIME':  // sequelize writes no fractional seconds for TIME(n)
    case 'BOOLEAN':
    case 'DATEONLY':
    case 'UUID':
    case 'JSON':
    case 'JSONB':
      return key;
    case 'ENUM':
      return `ENUM(${t.values.map((v) => `'${String(v).replace(/'/g, "''")}'`).join(',')})`;
    default:
      return undefined;
  }
}

const FLOAT_NAMES = { FLOAT: 'FLOAT', DOUBLE: 'DOUBLE PRECISION', 'DOUBLE PRECISION': 'DOUBLE PRECISION', REAL: 'REAL' };
const SIZES = { tiny: 'TINY', medium: 'MEDIUM', long: 'LONG' };
const RANGES = { INTEGER: 'int4range', BIGINT: 'int8range', DECIMAL: 'numrange', DATE: 'tstzrange', DATEONLY: 'daterange' };
const POSTGRES_ONLY = ['ARRAY', 'RANGE', 'HSTORE', 'CITEXT', 'INET', 'CIDR', 'MACADDR', 'TSVECTOR'];

// sequelize's spelling of a type outside the portable set, for this dialect.
function nativeType(t) {
  const { key, length } = t;
  const args = (...values) => {
    const given = values.filter((v) => v !== undefined);
    return given.length ? `(${given.join(',')})` : '';
  };
  const flags = (dialect === 'mysql' && t.unsigned ? ' UNSIGNED' : '') +
    (dialect === 'mysql' && t.zerofill ? ' ZEROFILL' : '');
  if (POSTGRES_ONLY.includes(key) && dialect === 'mysql') {
    throw new UnsupportedCall(`the column type ${key} exists on PostgreSQL only`);
  }
  switch (key) {
    case 'INTEGER':
    case 'BIGINT':
    case 'SMALLINT':
    case 'TINYINT':
    case 'MEDIUMINT':
      if (dialect === 'postgres') return key;
      return key + args(length) + flags;
    case 'FLOAT':
    case 'DOUBLE':
    case 'DOUBLE PRECISION':
    case 'REAL': {
      const name = FLOAT_NAMES[key];
      if (dialect === 'postgres') return key === 'FLOAT' ? name + args(length) : name;
      if (dialect === 'sqlite') return name + (t.unsigned ? ' UNSIGNED' : '') + args(length, t.decimals);
      return name + args(length, t.decimals) + flags;
    }
    case 'DECIMAL':
    case 'NUMERIC':
      return 'DECIMAL' + args(t.precision, t.scale) + flags;
    case 'STRING':
    case 'CHAR': {
      const name = key === 'STRING' ? 'VARCHAR' : 'CHAR';
      const size = length !== undefined ? length : 255;
      return dialect === 'sqlite' ? `${name} BINARY(${size})` : `${name}(${size}) BINARY`;
    }
    case 'TEXT':
    case 'BLOB': {
      const size = SIZES[String(length).toLowerCase()];
      if (!size) throw new UnsupportedCall(`${key}('${length}'): the sizes are tiny, medium and long`);
      return size + key;
    }
    case 'DATE':
      return `DATETIME(${length})`;
    case 'GEOMETRY':
    case 'GEOGRAPHY': {
      if (dialect === 'mysql') return key === 'GEOMETRY' && t.inner ? String(t.inner) : key;
      if (dialect === 'sqlite') return key;
      return key + args(t.inner, t.srid);
    }
    case 'CITEXT':
      return dialect === 'sqlite' ? 'TEXT COLLATE NOCASE' : key;
    case 'RANGE':
      if (dialect !== 'postgres') return key;
      return RANGES[(t.inner && t.inner.key) || 'INTEGER'] || unsupportedType(`RANGE(${t.inner.key})`);
    case 'ARRAY':
      return `${elementType(t.inner)}[]`;
    case 'INET':
    case 'CIDR':
    case 'MACADDR':
    case 'TSVECTOR':
    case 'HSTORE':
      return key;
    default:
      return unsupportedType(key);
  }
}

function unsupportedType(name) {
  throw new UnsupportedCall(`the column type ${name} is not supported by forge`);
}

const ELEMENT_SPELLINGS = {
  postgres: { DATE: 'TIMESTAMP WITH TIME ZONE', DOUBLE: 'DOUBLE PRECISION', BLOB: 'BYTEA', DATEONLY: 'DATE' },
  sqlite: { DATE: 'DATETIME', DOUBLE: 'DOUBLE PRECISION', BOOLEAN: 'TINYINT(1)', DATEONLY: 'DATE' },
};

// An ARRAY's element type as the database spells it.
function elementType(inner) {
  if (!inner) throw new UnsupportedCall('ARRAY needs its element type: ARRAY(DataTypes.STRING)');
  if (typeof inner === 'string') return inner;
  const t = typeSpec(inner);
  if (t.key === 'ENUM') unsupportedType('ARRAY(ENUM)');
  const portable = portableType(t);
  if (portable === undefined) return nativeType(t);
  const name = portable.replace(/\(.*$/, '');
  const spelled = (ELEMENT_SPELLINGS[dialect] || {})[name];
  if (spelled) return spelled;
  return portable.replace(/^STRING/, 'VARCHAR');
}

const NOW_FUNCTIONS = ['NOW', 'CURRENT_TIMESTAMP', 'LOCALTIMESTAMP'];

// A default as forge's units write it; undefined where sequelize writes none in the schema
// (Sequelize.NOW, UUIDV4: values the ORM fills in, never the database).
function defaultValue(value) {
  if (value === undefined || typeof value === 'function') return undefined;
  if (value && value.key && (value.key === 'NOW' || value.key.startsWith('UUIDV'))) return undefined;
  if (isFn(value)) {
    if (NOW_FUNCTIONS.includes(String(value.fn).toUpperCase()) && value.args.length === 0) {
      return { fn: 'NOW' };
    }
    throw new UnsupportedCall(`a default of Sequelize.fn('${value.fn}') is not supported by forge`);
  }
  if (isLiteral(value)) return { literal: String(value.val) };
  return plainValue(value);
}

function pad(number, width = 2) {
  return String(number).padStart(width, '0');
}

// A JavaScript Date as sequelize writes it to each database (UTC).
function dateText(date) {
  const text =
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.` +
    pad(date.getUTCMilliseconds(), 3);
  return dialect === 'mysql' ? text : `${text} +00:00`;
}

// A value for a row: what forge's declarative values take (text, numbers, booleans, null).
function plainValue(value) {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return dateText(value);
  if (Buffer.isBuffer(value)) throw new UnsupportedCall('binary values are not supported by forge');
  if (isFn(value) || isLiteral(value)) return defaultValue(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
}

const ACTIONS = ['CASCADE', 'SET NULL', 'SET DEFAULT', 'RESTRICT', 'NO ACTION'];

function tableName(table) {
  if (typeof table === 'string') return table;
  if (table && typeof table === 'object' && table.tableName) {
    return table.schema ? `${table.schema}.${table.tableName}` : table.tableName;
  }
  if (table && typeof table.getTableName === 'function') return tableName(table.getTableName());
  throw new UnsupportedCall(`a table name forge does not understand: ${String(table)}`);
}

// A column's attributes in forge's declarative form.
function column(attribute) {
  if (typeof attribute === 'string' || typeof attribute === 'function' || (attribute && attribute.key)) {
    attribute = { type: attribute };
  }
  const out = { type: typeString(attribute.type, attribute) };
  if (attribute.allowNull === false) out.allowNull = false;
  if (attribute.primaryKey) out.primaryKey = true;
  if (attribute.autoIncrement) out.autoIncrement = true;
  if (attribute.unique === true) {
    out.unique = true;
  } else if (attribute.unique) {
    // sequelize's queryInterface writes no constraint for a named or composite `unique` (only
    // a model's sync does): neither does forge, but it says so.
    warn(`unique: ${JSON.stringify(attribute.unique)} on a column makes no constraint here, as ` +
      "under sequelize-cli; use addConstraint(..., { type: 'unique' }) for one");
  }
  const value = defaultValue(attribute.defaultValue);
  if (value !== undefined) out.defaultValue = value;
  if (attribute.comment !== undefined) out.comment = String(attribute.comment);
  if (attribute.references) {
    const model = attribute.references.model;
    out.references = {
      table: tableName(model),
      column: attribute.references.key || 'id',
    };
    if (attribute.onDelete) out.onDelete = attribute.onDelete.toUpperCase();
    if (attribute.onUpdate) out.onUpdate = attribute.onUpdate.toUpperCase();
  }
  for (const action of ['onDelete', 'onUpdate']) {
    if (out[action] && !ACTIONS.includes(out[action])) {
      throw new UnsupportedCall(`${action}: ${out[action]} is not a referential action`);
    }
  }
  return out;
}

// sequelize's default names: Utils.underscore, as inflection writes it.
function underscore(text) {
  return text
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .replace(/-/g, '_')
    .toLowerCase();
}

function fieldName(field) {
  if (typeof field === 'string') return field;
  if (field && (field.name || field.attribute)) return field.name || field.attribute;
  throw new UnsupportedCall(`an index field forge does not understand: ${JSON.stringify(field)}`);
}

function indexField(field) {
  if (typeof field === 'string') return field;
  const out = { name: fieldName(field) };
  if (field.order) out.order = String(field.order).toUpperCase();
  if (field.length) out.length = field.length;
  if (field.collate || field.operator) {
    throw new UnsupportedCall('collate / operator on an index field is not supported by forge');
  }
  return out;
}

// A where object (sequelize's operators) in forge's form: { col: value | { op: value } }.
const WHERE_OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'notIn', 'like', 'is', 'not'];
function whereOf(where) {
  const out = {};
  if (!where) return out;
  if (Object.getOwnPropertySymbols(where).length > 0) {
    throw new UnsupportedCall('Op.and / Op.or at the top of a where is not supported by forge');
  }
  for (const [key, condition] of Object.entries(where)) {
    if (Array.isArray(condition)) {
      out[key] = { in: condition.map(plainValue) };
    } else if (condition && typeof condition === 'object' && !(condition instanceof Date)) {
      const ops = {};
      for (const symbol of Object.getOwnPropertySymbols(condition)) {
        const name = Symbol.keyFor(symbol);
        if (!WHERE_OPS.includes(name)) {
          throw new UnsupportedCall(`the operator Op.${name} is not supported by forge`);
        }
        const value = condition[symbol];
        ops[name] = Array.isArray(value) ? value.map(plainValue) : plainValue(value);
      }
      for (const [name, value] of Object.entries(condition)) {
        if (!WHERE_OPS.includes(name)) {
          throw new UnsupportedCall(`the operator ${name} is not supported by forge`);
        }
        ops[name] = Array.isArray(value) ? value.map(plainValue) : plainValue(value);
      }
      out[key] = ops;
    } else {
      out[key] = plainValue(condition);
    }
  }
  return out;
}

// ---- SQL written here: identifiers and literals as sequelize writes them per dialect -------

function quoteName(name) {
  const parts = String(name).split('.');
  if (dialect === 'mysql') return parts.map((p) => '`' + p.replace(/`/g, '``') + '`').join('.');
  return parts.map((p) => '"' + p.replace(/"/g, '""') + '"').join('.');
}

function escape(value) {
  if (value === null || value === undefined) return 'NULL';
  if (isLiteral(value)) return String(value.val);
  if (isFn(value)) return `${value.fn}(${value.args.map(escape).join(', ')})`;
  if (value instanceof Col) return quoteName(value.col);
  if (typeof value === 'boolean') {
    if (dialect === 'postgres') return value ? 'true' : 'false';
    return value ? '1' : '0';
  }
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return value.map(escape).join(', ');
  if (value instanceof Date) value = dateText(value);
  else if (typeof value === 'object') value = JSON.stringify(value);
  let text = String(value).replace(/'/g, "''");
  if (dialect === 'mysql') text = text.replace(/\\/g, '\\\\').replace(/\0/g, '\\0');
  else if (text.includes('\0')) throw new UnsupportedCall('a NUL character in a value');
  return `'${text}'`;
}

const SQL_OPS = {
  eq: '=', ne: '!=', gt: '>', gte: '>=', lt: '<', lte: '<=', like: 'LIKE', notLike: 'NOT LIKE',
  in: 'IN', notIn: 'NOT IN', is: 'IS', not: 'IS NOT',
};

function condition(name, op, value) {
  if (value === null && op === 'eq') op = 'is';
  if (value === null && op === 'ne') op = 'not';
  if (op === 'in' || op === 'notIn') {
    if (!value.length) return op === 'in' ? '0 = 1' : '1 = 1';
    return `${quoteName(name)} ${SQL_OPS[op]} (${value.map(escape).join(', ')})`;
  }
  return `${quoteName(name)} ${SQL_OPS[op]} ${escape(value)}`;
}

function whereSql(where) {
  if (!where || (typeof where === 'object' && Reflect.ownKeys(where).length === 0)) return '';
  const parts = [];
  for (const key of Reflect.ownKeys(where)) {
    const value = where[key];
    if (typeof key === 'symbol') {
      const name = Symbol.keyFor(key);
      if (name !== 'and' && name !== 'or') unsupported(`Op.${name} at the top of a where`);
      const items = (Array.isArray(value) ? value : [value]).map((item) => `(${whereSql(item)})`);
      parts.push(items.join(name === 'and' ? ' AND ' : ' OR '));
    } else if (Array.isArray(value)) {
      parts.push(condition(key, 'in', value));
    } else if (value && typeof value === 'object' && !(value instanceof Date) && !isFn(value) &&
               !isLiteral(value)) {
      for (const symbol of Reflect.ownKeys(value)) {
        const op = typeof symbol === 'symbol' ? Symbol.keyFor(symbol) : symbol;
        if (!SQL_OPS[op]) unsupported(`the operator Op.${op}`);
        parts.push(condition(key, op, value[symbol]));
      }
    } else {
      parts.push(condition(key, 'eq', value));
    }
  }
  return parts.join(' AND ');
}

function withWhere(sql, where) {
  const condition = whereSql(where);
  return condition ? `${sql} WHERE ${condition}` : sql;
}

// `?` and `:name` replacements, and `$1` / `$name` binds, written in as literals (outside
// quotes), as sequelize does for replacements.
function substitute(sql, replacements, bind) {
  if (!replacements && !bind) return sql;
  let out = '';
  let position = 0;
  for (let i = 0; i < sql.length; ) {
    const c = sql[i];
    if (c === "'" || c === '"' || c === '`') {
      const end = sql.indexOf(c, i + 1);
      const stop = end < 0 ? sql.length : end + 1;
      out += sql.slice(i, stop);
      i = stop;
      continue;
    }
    if (replacements && c === '?' && Array.isArray(replacements)) {
      if (position >= replacements.length) throw new Error('too few replacements for the ?s');
      out += escape(replacements[position++]);
      i += 1;
      continue;
    }
    const named = /^[:$]([A-Za-z_][A-Za-z0-9_]*|\d+)/.exec(sql.slice(i));
    if (named && (i === 0 || sql[i - 1] !== ':')) {
      const source = c === ':' ? replacements : bind;
      if (source && typeof source === 'object') {
        const key = Array.isArray(source) && c === '$' ? Number(named[1]) - 1 : named[1];
        if (!(key in source)) throw new Error(`no value given for ${named[0]}`);
        out += escape(source[key]);
        i += named[0].length;
        continue;
      }
    }
    out += c;
    i += 1;
  }
  return out;
}

// Rows as sequelize returns them: objects keyed by column, numbers and booleans typed.
function rowsOf(reply) {
  return reply.rows.map((cells) => {
    const row = {};
    reply.columns.forEach((name, i) => {
      const cell = cells[i];
      const kind = reply.kinds[i];
      if (cell === null) row[name] = null;
      else if (kind === 'n') row[name] = Number(cell);
      else if (kind === 'b') row[name] = cell === 't' || cell === 'true' || cell === '1';
      else row[name] = cell;
    });
    return row;
  });
}

function query(sql, options = {}) {
  if (sql && typeof sql === 'object' && sql.query) {
    options = Object.assign({}, options, { bind: sql.bind });
    sql = sql.query;
  }
  const text = substitute(String(sql), options.replacements, options.bind);
  return request('query', { sql: text }).then((reply) => {
    const rows = rowsOf(reply);
    if (options.type === QueryTypes.SELECT) return options.plain ? rows[0] || null : rows;
    if (options.plain) return rows[0] || null;
    return [rows, { rowCount: rows.length }];
  });
}

function operation(call, body) {
  return request(call, { op: { [call]: body } }).then(() => undefined);
}

// ---- the catalog, read for describeTable / showAllTables ---------------------------------

function splitTable(table) {
  const name = tableName(table);
  const dot = name.indexOf('.');
  return dot < 0 ? [null, name] : [name.slice(0, dot), name.slice(dot + 1)];
}

// forge's own tables, which a migration that walks every table must not touch.
function isForgeTable(name) {
  return ['ForgeMeta', 'ForgeSeeds', 'forge_lock'].includes(name) || name.endsWith('_forge_progress');
}

async function showAllTables() {
  const sql = {
    postgres:
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = " +
      "current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
    mysql:
      'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() ' +
      "AND table_type = 'BASE TABLE' ORDER BY table_name",
    sqlite:
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' " +
      'ORDER BY name',
  }[dialect];
  const rows = await query(sql, { type: QueryTypes.SELECT });
  return rows.map((row) => row.name || row.NAME).filter((name) => !isForgeTable(name));
}

async function describeTable(table) {
  const [schema, name] = splitTable(table);
  let rows;
  if (dialect === 'sqlite') {
    rows = await query(`PRAGMA table_info(${quoteName(name)})`, { type: QueryTypes.SELECT });
    rows = rows.map((row) => ({
      name: row.name,
      type: String(row.type).toUpperCase(),
      allowNull: Number(row.notnull) === 0,
      defaultValue: row.dflt_value,
      primaryKey: Number(row.pk) > 0,
      autoIncrement: false,
    }));
  } else {
    const where =
      dialect === 'postgres'
        ? `table_schema = ${schema ? escape(schema) : 'current_schema()'}`
        : `table_schema = ${schema ? escape(schema) : 'DATABASE()'}`;
    const extra = dialect === 'mysql' ? ", extra AS extra, column_key AS ckey" : '';
    rows = await query(
      `SELECT column_name AS name, UPPER(${dialect === 'mysql' ? 'column_type'
        : "data_type || COALESCE('(' || character_maximum_length || ')', '')"}) ` +
        `AS type, is_nullable AS nullable, column_default AS dflt${extra} FROM ` +
        `information_schema.columns WHERE ${where} AND table_name = ${escape(name)} ` +
        'ORDER BY ordinal_position',
      { type: QueryTypes.SELECT }
    );
    rows = rows.map((row) => ({
      name: row.name,
      type: row.type,
      allowNull: row.nullable === 'YES',
      defaultValue: row.dflt,
      primaryKey: row.ckey === 'PRI',
      autoIncrement: /auto_increment/i.test(row.extra || '') || /^nextval\(/.test(row.dflt || ''),
    }));
  }
  if (rows.length === 0) {
    throw new Error(`No description found for "${name}" table. Check the table name and schema`);
  }
  const out = {};
  for (const row of rows) {
    out[row.name] = {
      type: row.type,
      allowNull: row.allowNull,
      defaultValue: row.defaultValue,
      primaryKey: row.primaryKey,
      autoIncrement: row.autoIncrement,
      comment: null,
    };
  }
  return out;
}

// ---- queryInterface and Sequelize, as migrations use them --------------------------------

function constraintName(table, options, suffix) {
  return `${tableName(table)}_${options.fields.map(fieldName).join('_')}_${suffix}`;
}

const transaction = {
  commit: async () => {},
  rollback: async () => {},
  afterCommit: (fn) => fn(),
  LOCK: {},
};

const sequelize = {
  query,
  getDialect: () => (dialect === 'mysql' ? 'mysql' : dialect),
  options: { dialect },
  config: {},
  // forge already runs the unit in its transaction (where the database can roll DDL back):
  // a migration's own transaction is that one.
  transaction: async (options, callback) => {
    const work = typeof options === 'function' ? options : callback;
    return work ? work(transaction) : transaction;
  },
  fn: (fn, ...args) => new Fn(fn, args),
  col: (col) => new Col(col),
  literal: (val) => new Literal(val),
  escape,
  getQueryInterface: () => queryInterface,
  define: () => unsupported('sequelize.define (models in a migration)'),
  sync: () => unsupported('sequelize.sync'),
  authenticate: async () => {},
  close: async () => {},
};

const queryInterface = {
  sequelize,
  createTable(table, attributes, options = {}) {
    const columns = {};
    for (const [name, attribute] of Object.entries(attributes)) columns[name] = column(attribute);
    const body = { table: tableName(table), columns };
    // uniqueKeys: table constraints, named as sequelize names them (on MySQL only).
    const uniqueKeys = Object.entries(options.uniqueKeys || {});
    if (uniqueKeys.length) {
      body.constraints = uniqueKeys.map(([name, key]) => {
        const constraint = { type: 'unique', fields: key.fields.map(fieldName) };
        if (dialect === 'mysql') constraint.name = name;
        return constraint;
      });
    }
    return operation('createTable', body);
  },
  dropTable: (table) => operation('dropTable', { table: tableName(table) }),
  renameTable: (from, to) => operation('renameTable', { from: tableName(from), to: tableName(to) }),
  dropAllTables: () => unsupported('dropAllTables'),
  addColumn(table, name, attribute, options = {}) {
    const body = Object.assign({ table: tableName(table), column: name }, column(attribute));
    const after = (attribute && attribute.after) || options.after;
    if (after) body.after = after;
    if ((attribute && attribute.first) || options.first) body.first = true;
    return operation('addColumn', body);
  },
  removeColumn: (table, name) =>
    operation('removeColumn', { table: tableName(table), column: name }),
  changeColumn: (table, name, attribute) =>
    operation('changeColumn', Object.assign({ table: tableName(table), column: name }, column(attribute))),
  renameColumn: (table, from, to) =>
    operation('renameColumn', { table: tableName(table), from, to }),
  addIndex(table, fields, options = {}) {
    if (!Array.isArray(fields)) {
      options = Object.assign({}, fields || {}, options);
      fields = options.fields;
    }
    if (!fields || !fields.length) unsupported('addIndex without fields');
    const body = {
      table: tableName(table),
      name:
        options.name ||
        underscore(`${splitTable(table)[1]}_${fields.map(fieldName).join('_')}`),
      fields: fields.map(indexField),
    };
    const unique = options.unique || String(options.type || '').toUpperCase() === 'UNIQUE' ||
      String(options.indicesType || '').toUpperCase() === 'UNIQUE';
    if (unique) body.unique = true;
    if (options.type && !/^unique$/i.test(options.type)) unsupported(`addIndex type ${options.type}`);
    if (options.where) body.where = whereOf(options.where);
    if (options.using || options.method) body.using = String(options.using || options.method).toUpperCase();
    if (options.concurrently) body.concurrently = true;
    return operation('addIndex', body);
  },
  removeIndex(table, nameOrFields) {
    const name = Array.isArray(nameOrFields)
      ? underscore(`${splitTable(table)[1]}_${nameOrFields.map(fieldName).join('_')}`)
      : nameOrFields;
    return operation('removeIndex', { table: tableName(table), name });
  },
  addConstraint(table, options, legacy) {
    if (Array.isArray(options)) options = Object.assign({ fields: options }, legacy || {});
    const type = String(options.type || '').toLowerCase();
    const body = { table: tableName(table), type };
    if (!['unique', 'check', 'foreign key', 'primary key'].includes(type)) {
      unsupported(`addConstraint of type '${options.type}'`);
    }
    body.fields = (options.fields || []).map(fieldName);
    if (type === 'check') body.where = whereOf(options.where);
    if (type === 'foreign key') {
      const references = options.references || {};
      body.references = { table: tableName(references.table), column: references.field || 'id' };
      if (options.onDelete) body.onDelete = options.onDelete.toUpperCase();
      if (options.onUpdate) body.onUpdate = options.onUpdate.toUpperCase();
    }
    const suffix = { unique: 'uk', check: 'ck', 'primary key': 'pk' }[type];
    body.name =
      options.name ||
      (type === 'foreign key'
        ? `${tableName(table)}_${body.fields.join('_')}_${body.references.table}_fk`
        : constraintName(table, options, suffix));
    return operation('addConstraint', body);
  },
  removeConstraint: (table, name) =>
    operation('removeConstraint', { table: tableName(table), name }),
  bulkInsert(table, records) {
    if (!records || records.length === 0) return Promise.resolve();
    const keys = [];
    for (const record of records) {
      for (const key of Object.keys(record)) if (!keys.includes(key)) keys.push(key);
    }
    const rows = records.map((record) => {
      const row = {};
      for (const key of keys) row[key] = plainValue(record[key]);
      return row;
    });
    return operation('bulkInsert', { table: tableName(table), rows });
  },
  bulkDelete(table, where) {
    if (where && typeof where === 'object' && Reflect.ownKeys(where).length === 0) where = null;
    if (isLiteral(where) || (where && Object.getOwnPropertySymbols(where).length)) {
      return query(withWhere(`DELETE FROM ${quoteName(tableName(table))}`, where)).then(() => 0);
    }
    return operation('bulkDelete', { table: tableName(table), where: whereOf(where) });
  },
  bulkUpdate(table, values, where) {
    const sets = Object.entries(values).map(([key, value]) => `${quoteName(key)} = ${escape(value)}`);
    return query(withWhere(`UPDATE ${quoteName(tableName(table))} SET ${sets.join(', ')}`, where))
      .then(() => undefined);
  },
  async upsert(table, insertValues, updateValues, where, options = {}) {
    const keys = Object.keys(insertValues);
    const conflict = options.upsertKeys || (where && Object.keys(where)) || ['id'];
    let sql = `INSERT INTO ${quoteName(tableName(table))} (${keys.map(quoteName).join(', ')}) ` +
      `VALUES (${keys.map((key) => escape(insertValues[key])).join(', ')})`;
    const updates = Object.keys(updateValues || {});
    if (dialect === 'mysql') {
      sql += updates.length
        ? ` ON DUPLICATE KEY UPDATE ${updates.map((k) => `${quoteName(k)} = VALUES(${quoteName(k)})`).join(', ')}`
        : '';
    } else {
      // As sequelize: the updated columns take the values the insert proposed.
      sql += ` ON CONFLICT (${conflict.map(quoteName).join(', ')}) ` +
        (updates.length
          ? `DO UPDATE SET ${updates.map((k) => `${quoteName(k)} = EXCLUDED.${quoteName(k)}`).join(', ')}`
          : 'DO NOTHING');
    }
    await query(sql);
    return [null, null];
  },
  async select(model, table, options = {}) {
    const columns = options.attributes
      ? options.attributes.map((a) => (Array.isArray(a) ? `${quoteName(a[0])} AS ${quoteName(a[1])}` : quoteName(a))).join(', ')
      : '*';
    let sql = withWhere(`SELECT ${columns} FROM ${quoteName(tableName(table))}`, options.where);
    if (options.order) {
      sql += ' ORDER BY ' + options.order
        .map((o) => (Array.isArray(o) ? `${quoteName(o[0])} ${o[1] || 'ASC'}` : quoteName(o)))
        .join(', ');
    }
    if (options.limit !== undefined) sql += ` LIMIT ${Number(options.limit)}`;
    if (options.offset !== undefined) sql += ` OFFSET ${Number(options.offset)}`;
    return query(sql, { type: QueryTypes.SELECT, plain: options.plain });
  },
  async rawSelect(table, options, attribute) {
    const rows = await queryInterface.select(null, table, Object.assign({}, options, {
      attributes: options.attributes || [attribute],
    }));
    if (!rows.length) return null;
    const value = rows[0][attribute];
    return value === undefined ? null : value;
  },
  showAllTables,
  describeTable,
  async tableExists(table) {
    const [schema, name] = splitTable(table);
    if (dialect === 'sqlite') {
      const rows = await query(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name = ${escape(name)}`,
        { type: QueryTypes.SELECT });
      return rows.length > 0;
    }
    const current = dialect === 'mysql' ? 'DATABASE()' : 'current_schema()';
    const rows = await query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = ` +
        `${schema ? escape(schema) : current} AND table_name = ${escape(name)}`,
      { type: QueryTypes.SELECT });
    return rows.length > 0;
  },
  showIndex: () => unsupported('showIndex'),
  getForeignKeysForTables: () => unsupported('getForeignKeysForTables'),
  getForeignKeyReferencesForTable: () => unsupported('getForeignKeyReferencesForTable'),
  createSchema: (schema) => query(`CREATE SCHEMA ${quoteName(schema)}`).then(() => undefined),
  dropSchema: (schema) => query(`DROP SCHEMA ${quoteName(schema)}`).then(() => undefined),
  createFunction: () => unsupported('createFunction'),
  dropFunction: () => unsupported('dropFunction'),
  createTrigger: () => unsupported('createTrigger'),
  dropTrigger: () => unsupported('dropTrigger'),
  dropEnum: (name) => query(`DROP TYPE IF EXISTS ${quoteName(name)}`).then(() => undefined),
  quoteIdentifier: quoteName,
  quoteTable: (table) => quoteName(tableName(table)),
  escape,
};

// Any other QueryInterface method fails the unit with its name, never silently.
const queryInterfaceProxy = new Proxy(queryInterface, {
  get(target, name) {
    if (name in target || typeof name === 'symbol' || name === 'then') return target[name];
    return () => unsupported(`queryInterface.${String(name)}`);
  },
});

function Sequelize() {
  unsupported('new Sequelize(...) inside a migration');
}
Object.assign(Sequelize, DataTypes, {
  DataTypes,
  Op,
  QueryTypes,
  fn: sequelize.fn,
  col: sequelize.col,
  literal: sequelize.literal,
  where: () => unsupported('Sequelize.where'),
  and: (...items) => ({ [Op.and]: items }),
  or: (...items) => ({ [Op.or]: items }),
  Transaction: { ISOLATION_LEVELS: {}, TYPES: {}, LOCK: {} },
});
sequelize.Sequelize = Sequelize;
sequelize.constructor = Sequelize;

// ---- running the module ------------------------------------------------------------------

function reportFailure(error) {
  const at = (error && error.forgeAt) || siteOf(error) || shownPath;
  const message = error && error.message ? error.message : String(error);
  send({ failed: true, message, at, reported: Boolean(error && error.forgeReported) });
}

// The migration's own line in an error's stack, when it is there.
function siteOf(error) {
  if (!error || typeof error.stack !== 'string') return null;
  for (const frame of error.stack.split('\n')) {
    const at = frame.indexOf(modulePath + ':');
    if (at >= 0) return `${shownPath}:${frame.slice(at + modulePath.length + 1).split(':')[0]}`;
  }
  return null;
}

async function main() {
  let unit;
  try {
    unit = require(modulePath);
  } catch (error) {
    if (error && error.code === 'ERR_REQUIRE_ESM') unit = await import(require('url').pathToFileURL(modulePath).href);
    else throw error;
  }
  if (unit && unit.default && typeof unit[direction] !== 'function') unit = unit.default;
  if (!unit || typeof unit[direction] !== 'function') {
    const error = new Error(`exports no ${direction}() function`);
    error.forgeAt = shownPath;
    throw error;
  }
  await unit[direction](queryInterfaceProxy, Sequelize);
  send({ done: true });
}

process.on('unhandledRejection', (error) => {
  reportFailure(error);
  process.exit(1);
});

main().then(
  () => process.exit(0),
  (error) => {
    reportFailure(error);
    process.exit(1);
  }
);
