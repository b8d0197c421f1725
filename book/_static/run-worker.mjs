// One program of the book, run in the reader's browser (run.js starts this
// module worker).  Pyodide, CPython 3.14 compiled to WebAssembly, comes from
// the site itself (_static/pyodide/, see book/_ext/asyncbook/browser.py).
//
// The program runs as `python main.py` runs it, through Python's own
// command line (Py_RunMain), as the tests' Python 3.14 does under Node
// (browser.py: pyodide/python.mjs): in __main__, with tracebacks and the
// warnings of the interpreter's exit.  Its event loop blocks as CPython's
// does (pyodide/as_cpython.py), so the browser needs no WebAssembly stack
// switching (JSPI; with it, the loop's waits leave the worker idle).  Each
// write is posted at once, and Stop (run.js) ends the worker, busy or not.
// Python's exit ends the interpreter, so a worker runs one program; run.js
// starts the next one in advance.
//
// Messages in:  {code}                 the program (main.py)
// Messages out: {ready}                the runtime is loaded
//               {stream, text}         what the program wrote, as it writes it
//               {exit}                 its exit status
//               {error}                the runtime could not load or run
import { loadPyodide } from "./pyodide/pyodide.mjs";
import { runMain } from "./pyodide/run_main.mjs";

const HOME = "/home/pyodide";  // the program's folder (Pyodide's default)
// Python names the script by its absolute path; a reader running
// `python main.py` sees it under their own folder, so the book (and this
// output) shows it relative to the folder, as asyncbook.normalize does.
const FOLDER = `${HOME}/`;

// What the program writes, in order, with its folder left out of paths.
// A piece that may be the start of the folder's path waits for the next
// write (or the end), so that the path is never split between messages.
const pending = { stdout: "", stderr: "" };
const decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };

function emit(stream, text) {
  if (text) postMessage({ stream, text: text.replaceAll(FOLDER, "") });
}

function flush(stream) {
  emit(stream, pending[stream] + decoders[stream].decode());
  pending[stream] = "";
}

function writer(stream) {
  const other = stream === "stdout" ? "stderr" : "stdout";
  return {
    isatty: false,
    write(buffer) {
      if (pending[other]) flush(other);  // keep the order of the two streams
      let text = pending[stream] + decoders[stream].decode(buffer, { stream: true });
      let keep = 0;  // the longest end of text that begins the folder's path
      for (let n = Math.min(FOLDER.length - 1, text.length); n > 0; n--) {
        if (FOLDER.startsWith(text.slice(-n))) { keep = n; break; }
      }
      pending[stream] = text.slice(text.length - keep);
      emit(stream, text.slice(0, text.length - keep));
      return buffer.length;
    },
  };
}

const setup = fetch(new URL("./pyodide/as_cpython.py", import.meta.url)).then((response) => response.text());
const runtime = loadPyodide({
  indexURL: new URL("./pyodide/", import.meta.url).href,
  args: ["main.py"],
  env: { HOME, PYTHONUNBUFFERED: "1" },  // each write shows at once
});

async function run(code) {
  const py = await runtime;
  py.setStdout(writer("stdout"));
  py.setStderr(writer("stderr"));
  py.FS.writeFile(`${HOME}/main.py`, code);
  py.FS.chdir(HOME);
  const status = await runMain(py, await setup);  // as `python main.py` (run_main.mjs)
  flush("stdout");
  flush("stderr");
  postMessage({ exit: status });
}

runtime.then(() => postMessage({ ready: true }), (error) => postMessage({ error: String(error) }));

onmessage = (event) => {
  run(event.data.code).catch((error) => {
    flush("stdout");
    flush("stderr");
    postMessage({ error: String(error?.message ?? error) });
  });
};
