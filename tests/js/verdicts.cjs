// Ajv's verdict on instances: reads {"schema": ..., "instances": [...]} as JSON
// on standard input, compiles the schema with Ajv2020 in strict mode and
// ajv-formats, and prints [true|false, ...], one verdict per instance.
// The schema's annotation keywords are declared as the README's example does.
"use strict";
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");

const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const ajv = new Ajv2020({ strict: true });
addFormats(ajv);
ajv.addVocabulary(input.vocabulary);
const validate = ajv.compile(input.schema);
process.stdout.write(JSON.stringify(input.instances.map((instance) => validate(instance))));
