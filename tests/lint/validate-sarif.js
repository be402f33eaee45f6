// Validates a SARIF log against the SARIF 2.1.0 JSON schema (draft-04), with the peers that
// tests/lint/install-peers installed. Prints every error and exits 1 when the log is invalid.
// Usage: node tests/lint/validate-sarif.js PEERS_DIR LOG.sarif
'use strict';
const fs = require('fs');
const path = require('path');

const [peers, log] = process.argv.slice(2);
const modules = path.join(peers, 'node_modules');
const Ajv = require(path.join(modules, 'ajv'));
const schema = require(path.join(modules, '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'));

const ajv = new Ajv({ schemaId: 'id', meta: false, allErrors: true, format: 'full' });
ajv.addMetaSchema(require(path.join(modules, 'ajv/lib/refs/json-schema-draft-04.json')));
const validate = ajv.compile(schema);
if (validate(JSON.parse(fs.readFileSync(log, 'utf8')))) {
  console.log('valid SARIF 2.1.0');
  process.exit(0);
}
for (const error of validate.errors) {
  console.log(`${error.dataPath || '/'}: ${error.message} ${JSON.stringify(error.params)}`);
}
process.exit(1);
