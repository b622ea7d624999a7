// Writes a Brotli copy (FILE.br, quality 11) beside each FILE given, with Node's own zlib, so
// that a machine without the `brotli` tool still serves the smallest download.
// Usage: node scripts/compress.js FILE...
const zlib = require('zlib');
const fs = require('fs');

for (const file of process.argv.slice(2)) {
  const input = fs.readFileSync(file);
  const output = zlib.brotliCompressSync(input, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: input.length,
    },
  });
  fs.writeFileSync(`${file}.br`, output);
}
