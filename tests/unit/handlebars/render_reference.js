#!/usr/bin/env node
// Reference renderer for the Handlebars differential test.
//
// Reads a JSON list of {template, context} objects from stdin and prints a JSON
// list with one result per case, in order:
//   {"ok": true, "output": "..."}   the template rendered with handlebars.js
//   {"ok": false, "error": "..."}   handlebars.js threw (parse or runtime error)
//
// `--dump-parser-tables` prints the LALR tables of the installed handlebars.js
// parser instead; pinpoint_constructs/handlebars/_tablegen.py turns them into
// the Python module _tables.py.
//
// handlebars is resolved from the repository root (the package.json that pins it),
// never from a global install.
'use strict';

const path = require('path');

const repoRoot = path.resolve(__dirname, '..', '..', '..');

function requireFromRepo(request) {
  return require(require.resolve(request, { paths: [repoRoot] }));
}

function dumpParserTables() {
  const parser = requireFromRepo('handlebars/dist/cjs/handlebars/compiler/parser.js');
  const version = requireFromRepo('handlebars/package.json').version;
  process.stdout.write(
    JSON.stringify({
      version,
      symbols: parser.symbols_,
      terminals: parser.terminals_,
      productions: parser.productions_,
      table: parser.table,
      defaultActions: parser.defaultActions
    })
  );
}

function readStdin() {
  return require('fs').readFileSync(0, 'utf8');
}

function renderAll() {
  const Handlebars = requireFromRepo('handlebars');
  // The `log` helper and prototype-access warnings write through console; keep
  // stdout for the JSON answer only.
  for (const method of ['log', 'info', 'debug', 'warn', 'error']) {
    console[method] = (...args) => process.stderr.write(args.join(' ') + '\n');
  }
  const cases = JSON.parse(readStdin());
  const results = cases.map(({ template, context }) => {
    try {
      // A fresh environment per case: nothing registered by one case leaks into the next.
      const env = Handlebars.create();
      return { ok: true, output: env.compile(template)(context) };
    } catch (error) {
      return { ok: false, error: String(error && error.message ? error.message : error) };
    }
  });
  process.stdout.write(JSON.stringify(results));
}

if (process.argv.includes('--dump-parser-tables')) {
  dumpParserTables();
} else {
  renderAll();
}
