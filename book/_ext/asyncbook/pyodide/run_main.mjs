// Run the program Pyodide was loaded with (`args`) as `python main.py` runs
// it on CPython, and return its exit status: shared by the Run buttons'
// worker (book/_static/run-worker.mjs, which loads it from _static/pyodide/)
// and by python3.14 under Node (python.mjs).  `setup` is the text of
// as_cpython.py, run first in a namespace of its own: it gives the program
// an event loop that blocks as CPython's does, so the program runs to its
// end, and what it writes reaches the stdout and stderr handlers as it
// writes it.  With WebAssembly stack switching (JSPI), it runs "promising",
// and then the loop's waits leave the thread idle (as_cpython.wait);
// without it (Safari), they keep it busy.
export async function runMain(py, setup) {
  const scope = py.runPython("{}");
  py.runPython(setup, { globals: scope });
  let status;
  try {
    status = py._module.jspiSupported ? await py._module.promisingRunMain() : py._module._run_main();
  } catch (error) {
    if (error?.constructor?.name !== "ExitStatus") throw error;
    status = error.status;
  }
  status = scope.get("exit_status") ?? status;  // sys.exit(n), as_cpython.py
  // Pyodide's main leaves the interpreter running; `python main.py` ends it,
  // and with it come the warnings of objects collected then ("coroutine ...
  // was never awaited").
  if (py._module._Py_FinalizeEx() < 0 && status === 0) status = 120;
  return status;
}
