// Preloaded (`node --require`) into every process of the stand-alone check: records each file a process
// opens outside the allowed roots, one path per line, in OUTSIDE_READS_LOG. Recording instead of
// throwing catches reads whose failure the code would swallow (optional config, fallbacks).
// OUTSIDE_READS_ALLOWED lists the allowed roots, separated by the path delimiter.
const fs = require('node:fs');
const path = require('node:path');

const log = process.env.OUTSIDE_READS_LOG;
const allowed = (process.env.OUTSIDE_READS_ALLOWED ?? '').split(path.delimiter).filter(Boolean);

function isAllowed(file) {
  return allowed.some((root) => file === root || file.startsWith(root.endsWith(path.sep) ? root : root + path.sep));
}

function check(target) {
  if (typeof target !== 'string' && !(target instanceof URL) && !Buffer.isBuffer(target)) return; // a file descriptor
  const file = path.resolve(target instanceof URL ? target.pathname : String(target));
  if (!isAllowed(file)) fs.appendFileSync(log, `${file}\n`);
}

function wrap(owner, name) {
  const original = owner[name];
  owner[name] = function (target, ...rest) {
    check(target);
    return original.call(this, target, ...rest);
  };
}

if (log) {
  for (const name of ['openSync', 'open', 'readFileSync', 'readFile', 'readdirSync', 'readdir', 'opendirSync', 'opendir']) wrap(fs, name);
  for (const name of ['open', 'readFile', 'readdir', 'opendir']) wrap(fs.promises, name);
}
