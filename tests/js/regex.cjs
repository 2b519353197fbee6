// ECMA-262's own verdict on patterns: reads [[pattern, text], ...] as JSON on
// standard input and prints, for each, whether new RegExp(pattern, "u") finds a
// match in the text (JSON Schema's `pattern` is a search; "u" is Ajv's default),
// or the error message when the pattern does not compile.
"use strict";
const pairs = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(
  JSON.stringify(
    pairs.map(([pattern, text]) => {
      try {
        return new RegExp(pattern, "u").test(text);
      } catch (error) {
        return String(error.message);
      }
    }),
  ),
);
