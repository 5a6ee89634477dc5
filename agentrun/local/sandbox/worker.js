// The JavaScript REPL worker of one code context. It runs INSIDE the sandbox under Node.js (no dependencies), and
// speaks the same newline-delimited JSON as worker.py over one connected unix socket:
//
//     engine -> worker   {"id": "<execution id>", "code": "<javascript source>"}
//     engine -> worker   {"interrupt": "<execution id>"}   (after a SIGINT, see below)
//     worker -> engine   {"id": ..., "type": "stdout" | "stderr", "text": ...}
//                        {"id": ..., "type": "result", "data": {<mime>: <str>}, "isMainResult": true}
//                        {"id": ..., "type": "error", "name": ..., "value": ..., "traceback": [...]}
//                        {"id": ..., "type": "end", "status": "ok" | "error" | "interrupted",
//                         "executionCount": n, "durationMs": n}
//
//     node worker.js <socket fd> <stdout pipe fd> <stderr pipe fd>
//
// The zygote forked this process, said hello for it (SCM_CREDENTIALS, which Node cannot send), pointed fds 1 and 2
// at pipes whose read ends it passes here, and exec'd node. process.stdout / process.stderr (hence console.*) are
// replaced by streams that send output events directly; what child processes write to fds 1 and 2 is read from
// the pipes and forwarded too, and a marker written to both pipes at the end of a cell flushes it before `end`.
//
// Every message stays under MESSAGE_LIMIT bytes (the engine cuts off a worker that sends one over twice that):
// output goes in chunks; a result whose MIME values would pass RESULT_LIMIT has the largest ones written to files,
// `~/.agentrun/output/<execution>/result-<n>.<ext>` (text/plain keeps its head), and its text/plain says so; an
// error's message and traceback are cut in the middle past a bound, saying how much.
//
// Cells run with vm.runInThisContext in this one context, so top-level var/let/const/function declarations stay
// visible to later cells (as in the Node REPL, declaring the same let/const twice is a SyntaxError). The completion
// value of a cell is its result (util.inspect as text/plain, plus what `_repr_html_`-style methods offer); a
// returned Promise is awaited. SIGINT interrupts a running cell (breakOnSigint while it runs synchronously, a
// rejected wait while its Promise is pending); the context keeps its state. Node can lose a SIGINT that arrives as
// the synchronous part of a cell ends (its watchdog is stopping), so the engine follows each SIGINT with an
// `interrupt` message, which stops the cell's awaited Promise (or the cell, if it has not started yet). Timeouts
// are the engine's job.
'use strict';

const fs = require('fs');
const net = require('net');
const path = require('path');
const util = require('util');
const vm = require('vm');
const Module = require('module');
const { pathToFileURL } = require('url');
const { StringDecoder } = require('string_decoder');
const { Writable } = require('stream');

const [channelFd, stdoutFd, stderrFd] = process.argv.slice(2, 5).map(Number);

// Threads count against the sandbox's process limit: a small thread pool (libuv reads the variable when the pool
// starts, on first use), and no trace of it in the environment of the cells' child processes.
if (process.env.UV_THREADPOOL_SIZE === undefined) {
  process.env.UV_THREADPOOL_SIZE = '2';
  fs.access(__filename, () => delete process.env.UV_THREADPOOL_SIZE);
}
const stringify = JSON.stringify;
const DRAIN_TIMEOUT_MS = 2000;
const MIB = 1024 * 1024;
const MESSAGE_LIMIT = 4 * MIB; // bytes of one message, as sent
const RESULT_LIMIT = 3 * MIB; // bytes of a result's MIME values, JSON-encoded; larger values go to files
const OUTPUT_CHUNK = 256 * 1024; // characters of output per message
const TEXT_HEAD = 64 * 1024; // characters of a text/plain kept when the whole goes to a file
const ERROR_VALUE_LIMIT = 64 * 1024;
const TRACEBACK_LIMIT = 512 * 1024;
const HOME = process.env.HOME || '/home/user'; // as the sandbox started: the cells may change HOME
const thousands = (n) => n.toLocaleString('en-US'); // 12,345,678, as worker.py writes numbers
const EXTENSIONS = {
  'text/plain': 'txt',
  'text/html': 'html',
  'text/markdown': 'md',
  'text/latex': 'tex',
  'image/svg+xml': 'svg',
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'application/json': 'json',
};
const MARKER = Buffer.from(`\u0000\u001b[agentrun:${require('crypto').randomBytes(8).toString('hex')}]`);
const MIME_METHODS = [
  ['text/html', '_repr_html_'],
  ['text/markdown', '_repr_markdown_'],
  ['text/latex', '_repr_latex_'],
  ['image/svg+xml', '_repr_svg_'],
  ['image/png', '_repr_png_'],
  ['image/jpeg', '_repr_jpeg_'],
  ['application/json', '_repr_json_'],
];

let current = null; // id of the running cell, null between cells
let count = 0;

// -- the channel ------------------------------------------------------------------------------------------------
const channel = new net.Socket({ fd: channelFd, readable: true, writable: true });

function wellFormed(key, value) {
  // lone surrogates would not survive the engine's UTF-8
  return typeof value === 'string' && value.toWellFormed ? value.toWellFormed() : value;
}

let held = null; // a message kept back to go out with the next one

function send(message, hold = false) {
  // A plain write(2) while nothing is queued: a SIGINT that lands during a socket write through the stream
  // machinery can be lost (breakOnSigint then never stops the cell). Only when the socket is full does the rest
  // go through the stream's queue, which keeps the order. `hold` keeps the message back until the next one: a
  // cell's value and its end then reach the engine in one write, so it wakes once for both.
  let data = Buffer.from(stringify({ id: current, ...message }, wellFormed) + '\n');
  if (data.length > MESSAGE_LIMIT) {
    // what sends messages keeps them smaller; never let one through
    const size = thousands(data.length);
    const note = `[AgentRun Local: a ${message.type} message of ${size} bytes was dropped; at most ${MESSAGE_LIMIT}]\n`;
    data = Buffer.from(stringify({ id: current, type: 'stderr', text: note }) + '\n');
  }
  if (hold) {
    held = held === null ? data : Buffer.concat([held, data]);
    return;
  }
  if (held !== null) {
    data = Buffer.concat([held, data]);
    held = null;
  }
  if (channel.writableLength === 0) {
    try {
      while (data.length > 0) data = data.subarray(fs.writeSync(channelFd, data));
    } catch (error) {
      if (error.code !== 'EAGAIN') throw error;
    }
  }
  if (data.length > 0) channel.write(data);
}

// -- output -----------------------------------------------------------------------------------------------------
function sendText(name, text) {
  for (let at = 0; at < text.length; at += OUTPUT_CHUNK) send({ type: name, text: text.slice(at, at + OUTPUT_CHUNK) });
}

function outputStream(name) {
  const decoder = new StringDecoder('utf8');
  const stream = new Writable({
    decodeStrings: false,
    write(chunk, encoding, callback) {
      let text;
      if (typeof chunk !== 'string') text = decoder.write(chunk);
      else if (encoding === 'utf8' || encoding === 'utf-8' || encoding === 'buffer') text = chunk;
      else text = decoder.write(Buffer.from(chunk, encoding));
      if (text) sendText(name, text);
      callback();
    },
  });
  stream.isTTY = false;
  return stream;
}

const stdout = outputStream('stdout');
const stderr = outputStream('stderr');
Object.defineProperty(process, 'stdout', { configurable: true, enumerable: true, get: () => stdout });
Object.defineProperty(process, 'stderr', { configurable: true, enumerable: true, get: () => stderr });
globalThis.console = new console.Console({ stdout, stderr });

function partialSuffix(data, marker) {
  // length of the longest suffix of `data` that is a proper prefix of `marker`
  for (let size = Math.min(data.length, marker.length - 1); size > 0; size--) {
    if (data.subarray(data.length - size).equals(marker.subarray(0, size))) return size;
  }
  return 0;
}

class Forwarder {
  // Reads the pipe behind fd 1 or 2 (what child processes write there) and sends it as output events.
  constructor(fd, target, name) {
    this.target = target;
    this.name = name;
    this.decoder = new StringDecoder('utf8');
    this.held = Buffer.alloc(0);
    this.waiters = [];
    this.pipe = new net.Socket({ fd, readable: true, writable: false });
    this.pipe.on('data', (chunk) => this.feed(chunk));
    this.pipe.on('error', () => {});
  }

  feed(chunk) {
    let data = Buffer.concat([this.held, chunk]);
    for (let at = data.indexOf(MARKER); at >= 0; at = data.indexOf(MARKER)) {
      this.emit(data.subarray(0, at));
      data = data.subarray(at + MARKER.length);
      const waiters = this.waiters;
      this.waiters = [];
      for (const wake of waiters) wake();
    }
    const keep = partialSuffix(data, MARKER);
    this.held = Buffer.from(data.subarray(data.length - keep));
    this.emit(data.subarray(0, data.length - keep));
  }

  emit(bytes) {
    const text = this.decoder.write(bytes);
    if (text) sendText(this.name, text);
  }

  drain() {
    // resolves once every byte written to the fd before this call has been sent (or after a timeout)
    return new Promise((resolve) => {
      const timer = setTimeout(done, DRAIN_TIMEOUT_MS);
      const waiters = this.waiters;
      function done() {
        clearTimeout(timer);
        resolve();
      }
      waiters.push(done);
      fs.write(this.target, MARKER, (error) => error && done()); // in the thread pool: never blocks the loop
    });
  }
}

const forwarders = [new Forwarder(stdoutFd, 1, 'stdout'), new Forwarder(stderrFd, 2, 'stderr')];

// -- interrupts -------------------------------------------------------------------------------------------------
let interrupted = false;
let stopWaiting = null;
let interruptBeforeStart = null; // an interrupt message that came before its cell started

class Interrupted extends Error {
  constructor() {
    super('execution interrupted');
    this.name = 'Interrupted';
  }
}

process.on('SIGINT', () => {
  // breakOnSigint handles SIGINT while a cell runs synchronously; this, while it awaits
  if (current === null) return;
  interrupted = true;
  if (stopWaiting) stopWaiting();
});

function interruptMessage(id) {
  if (id !== current) {
    interruptBeforeStart = id;
    return;
  }
  interrupted = true;
  if (stopWaiting) stopWaiting();
}

function isInterrupt(error) {
  return error instanceof Interrupted || (error && error.code === 'ERR_SCRIPT_EXECUTION_INTERRUPTED');
}

function interruptible(promise) {
  return new Promise((resolve, reject) => {
    stopWaiting = () => reject(new Interrupted());
    if (interrupted) stopWaiting();
    promise.then(resolve, reject);
  }).finally(() => {
    stopWaiting = null;
  });
}

// -- results and errors -----------------------------------------------------------------------------------------
function mimeBundle(value) {
  const bundle = {};
  if (value !== null && (typeof value === 'object' || typeof value === 'function')) {
    for (const [mime, method] of MIME_METHODS) {
      try {
        if (typeof value[method] !== 'function') continue;
        const data = value[method]();
        if (data === undefined || data === null) continue;
        if (Buffer.isBuffer(data) || data instanceof Uint8Array) bundle[mime] = Buffer.from(data).toString('base64');
        else if (mime === 'application/json') bundle[mime] = stringify(data);
        else bundle[mime] = String(data);
      } catch {
        // a broken method only loses its format
      }
    }
  }
  bundle['text/plain'] = safeInspect(value);
  return bundle;
}

function encodedSize(text) {
  return text.length <= 4096 ? 6 * text.length : Buffer.byteLength(stringify(text, wellFormed));
}

function boundBundle(bundle, directory, stem) {
  // `bundle` within RESULT_LIMIT: its largest values go, whole, to files `<directory>/<stem>.<ext>` and leave the
  // bundle (text/plain keeps its head); text/plain ends with a line per value saying where it is
  const sizes = {};
  for (const [mime, value] of Object.entries(bundle)) sizes[mime] = encodedSize(value);
  const total = () => Object.values(sizes).reduce((a, b) => a + b, 0);
  if (total() <= RESULT_LIMIT) return bundle;
  const bounded = { ...bundle };
  const notes = [];
  const atMost = `a result carries at most ${RESULT_LIMIT / MIB} MiB`;
  for (const mime of Object.keys(sizes).sort((a, b) => sizes[b] - sizes[a])) {
    if (total() <= RESULT_LIMIT) break;
    const value = bounded[mime];
    delete bounded[mime];
    const extension = EXTENSIONS[mime] || `${mime.replace(/[^A-Za-z0-9]/g, '-').slice(0, 64)}.txt`;
    const where = writeValue(`${directory}/${stem}.${extension}`, mime, value);
    const what = `${mime} (${thousands(value.length)} characters)`;
    if (mime === 'text/plain') {
      bounded[mime] = value.slice(0, TEXT_HEAD);
      sizes[mime] = encodedSize(bounded[mime]);
      notes.unshift(`[AgentRun Local: ${what} is cut here, ${atMost}; ${where}]`);
    } else {
      delete sizes[mime];
      notes.push(`[AgentRun Local: ${what} is left out of this result, ${atMost}; ${where}]`);
    }
  }
  const text = bounded['text/plain'] || '';
  bounded['text/plain'] = text + (!text || text.endsWith('\n') ? '' : '\n') + notes.join('\n');
  return bounded;
}

function writeValue(file, mime, value) {
  // write a MIME value whole to `file` (binary images decoded from base64); says where it is, or why not
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const binary = mime === 'image/png' || mime === 'image/jpeg';
    fs.writeFileSync(file, binary ? Buffer.from(value, 'base64') : value);
  } catch (error) {
    return `writing it to ${file} failed (${error.code || error.message}), so it is lost`;
  }
  return `it is whole in ${file}`;
}

function clip(text, limit) {
  // `text` with its middle cut past `limit` characters, saying how much
  if (text.length <= limit) return text;
  const head = Math.floor(limit / 4);
  const tail = limit - head;
  const note = `[AgentRun Local: ${thousands(text.length - limit)} characters cut]`;
  return `${text.slice(0, head)}\n${note}\n${text.slice(-tail)}`;
}

function clipLines(lines, limit) {
  // `lines` with lines in the middle left out past `limit` characters in all (each line cut as `clip` does)
  const clipped = lines.map((line) => clip(line, Math.floor(limit / 8)));
  if (clipped.reduce((sum, line) => sum + line.length, 0) <= limit) return clipped;
  const head = [];
  let budget = Math.floor(limit / 4);
  for (const line of clipped) {
    if (line.length > budget) break;
    head.push(line);
    budget -= line.length;
  }
  const tail = [];
  budget = limit - Math.floor(limit / 4);
  for (let index = clipped.length - 1; index >= head.length; index--) {
    if (clipped[index].length > budget) break;
    tail.unshift(clipped[index]);
    budget -= clipped[index].length;
  }
  const cut = clipped.length - head.length - tail.length;
  return [...head, `[AgentRun Local: ${thousands(cut)} lines of the traceback cut]`, ...tail];
}

function safeInspect(value) {
  try {
    return util.inspect(value);
  } catch {
    return `<uninspectable ${typeof value}>`;
  }
}

function userTraceback(stack) {
  // the frames of the cells and what they called; the worker's frames (below the last cell frame) are dropped
  const lines = stack.split('\n');
  const frame = (line) => line.trim().startsWith('at ');
  let last = -1;
  lines.forEach((line, index) => {
    if (frame(line) && line.includes('<cell-')) last = index;
  });
  if (last >= 0) return lines.slice(0, last + 1);
  return lines.filter((line) => !(frame(line) && (line.includes(__filename) || line.includes('node:'))));
}

function errorMessage(error) {
  const message = unboundedErrorMessage(error);
  return {
    ...message,
    name: clip(message.name, 1000),
    value: clip(message.value, ERROR_VALUE_LIMIT),
    traceback: clipLines(message.traceback, TRACEBACK_LIMIT),
  };
}

function unboundedErrorMessage(error) {
  if (isInterrupt(error)) {
    return { type: 'error', name: 'Interrupted', value: 'execution interrupted', traceback: ['Interrupted'] };
  }
  if (error instanceof Error || (error !== null && typeof error === 'object' && typeof error.stack === 'string')) {
    let value = String(error.message ?? '');
    if (error.name === 'SyntaxError' && value.includes('await is only valid')) {
      value += ' (top-level await is not supported: make the last expression a Promise, e.g. an async arrow' +
        ' function called at once; its value is awaited)';
    }
    const stack = typeof error.stack === 'string' ? error.stack : `${error.name}: ${value}`;
    return {
      type: 'error',
      name: String(error.name || 'Error'),
      value,
      traceback: userTraceback(stack),
    };
  }
  const shown = safeInspect(error);
  return { type: 'error', name: 'Error', value: shown, traceback: [`Uncaught ${shown}`] };
}

function report(error) {
  // errors of callbacks that outlived their cell go to stderr, as in the Node REPL; the context stays alive
  const message = errorMessage(error);
  sendText('stderr', `Uncaught ${message.traceback.join('\n')}\n`);
}

process.on('uncaughtException', report);
process.on('unhandledRejection', report);

// -- cells ------------------------------------------------------------------------------------------------------
const replModule = new Module(path.join(process.cwd(), '<repl>'));
replModule.filename = path.join(process.cwd(), '<repl>');
replModule.paths = Module._nodeModulePaths(process.cwd());
const cellRequire = Module.createRequire(replModule.filename);
Object.assign(globalThis, { require: cellRequire, module: replModule, exports: replModule.exports });

function importModule(specifier) {
  // `import()` in a cell: resolved from the context's directory, like require
  let target = specifier;
  try {
    target = pathToFileURL(cellRequire.resolve(specifier)).href;
  } catch {
    // builtins and URLs import as they are
  }
  return import(target);
}

function isThenable(value) {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof value.then === 'function';
}

async function runCell(id, code) {
  count += 1;
  current = id;
  interrupted = interruptBeforeStart === id;
  interruptBeforeStart = null;
  const started = process.hrtime.bigint();
  let status = 'ok';
  try {
    if (interrupted) throw new Interrupted();
    const script = new vm.Script(code, { filename: `<cell-${count}>`, importModuleDynamically: importModule });
    let value = script.runInThisContext({ breakOnSigint: true, displayErrors: false });
    if (isThenable(value)) value = await interruptible(value);
    if (value !== undefined) {
      globalThis._ = value;
      const bundle = boundBundle(mimeBundle(value), `${HOME}/.agentrun/output/${id}`, 'result-1');
      send({ type: 'result', data: bundle, isMainResult: true }, true); // goes out with the end (or output before it)
    }
  } catch (error) {
    status = isInterrupt(error) ? 'interrupted' : 'error';
    send(errorMessage(error));
  }
  await Promise.all(forwarders.map((forwarder) => forwarder.drain()));
  const durationMs = Number((process.hrtime.bigint() - started) / 1000000n);
  send({ type: 'end', status, executionCount: count, durationMs });
  current = null;
}

const queue = [];
let serving = false;

async function serve() {
  if (serving) return;
  serving = true;
  while (queue.length) {
    const request = queue.shift();
    await runCell(String(request.id ?? ''), request.code);
  }
  serving = false;
}

let buffered = '';
channel.setEncoding('utf8');
channel.on('data', (chunk) => {
  buffered += chunk;
  for (let at = buffered.indexOf('\n'); at >= 0; at = buffered.indexOf('\n')) {
    const line = buffered.slice(0, at);
    buffered = buffered.slice(at + 1);
    let request;
    try {
      request = JSON.parse(line);
    } catch {
      continue;
    }
    if (request && typeof request.interrupt === 'string') interruptMessage(request.interrupt);
    else if (request && typeof request.code === 'string') queue.push(request);
  }
  serve();
});
channel.on('end', () => process.exit(0)); // the engine closed the context
channel.on('error', () => process.exit(0));
