// What the npm yaml package (YAML 1.2, core schema: what yaml-language-server
// reads) makes of YAML documents. Reads a JSON list of documents on standard
// input; prints a JSON list with, for each, {"data": ...} or {"error": message}.
// Numbers that JSON cannot hold come out as {"$float": "inf" | "-inf" | "nan"}.
"use strict";
const YAML = require("yaml");

function plain(value) {
  if (typeof value === "number" && !Number.isFinite(value)) {
    return { $float: Number.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf" };
  }
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object") {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = plain(v);
    return out;
  }
  return value;
}

const documents = JSON.parse(require("fs").readFileSync(0, "utf8"));
const results = documents.map((source) => {
  const doc = YAML.parseDocument(source, { version: "1.2", schema: "core" });
  if (doc.errors.length) return { error: doc.errors[0].message };
  return { data: plain(doc.toJS()) };
});
process.stdout.write(JSON.stringify(results));
