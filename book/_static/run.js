// The Run buttons under the book's listings: each runs the program shown in
// the code block (the edition's own text, or the reader's edit of it) in a
// module worker (run-worker.mjs) and shows what it prints as it prints it,
// under the recorded output.  Only pages with a listing that can run in a
// browser load this script (book/_ext/asyncbook/browser.py); Python itself
// (_static/pyodide/; its download size, measured at build time, is the
// script tag's data-runtime-mb) is fetched from the site on the first Run.
// Interface strings: the site's catalog (locale/<lang>/LC_MESSAGES/sphinx.po,
// through translations.js); the English edition shows the msgids.
"use strict";
(() => {
  const script = document.currentScript;
  const WORKER = new URL("run-worker.mjs", script.src);
  const RUNTIME_MB = script.dataset.runtimeMb;
  // Sphinx's doctools.js declares Documentation (not a property of window)
  const _ = (text) => (typeof Documentation === "object" ? Documentation.gettext(text) : text);
  const fill = (text, value) => text.replace("%s", value);

  // What this browser lacks to run the programs (null: nothing).
  function lacking() {
    if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
      return _("This browser cannot run Python here: it does not support WebAssembly.");
    }
    let modules = false;  // the browser reads `type` only if it knows module workers
    try {
      new Worker("data:,", { get type() { modules = true; return "module"; } }).terminate();
    } catch (error) {
      // a browser without workers, or one that refuses the URL: `modules` says enough
    }
    if (typeof Worker !== "function" || !modules) {
      return _("This browser cannot run Python here: it does not support module workers.");
    }
    return null;
  }

  // Workers.  Python's exit ends its interpreter, so each run gets a fresh
  // worker; once a program has run, the next worker loads in advance.
  let spare = null;
  let started = false;  // a worker has been started on this page (the runtime is in the cache)

  function startWorker() {
    const worker = new Worker(WORKER, { type: "module" });
    const ready = new Promise((resolve, reject) => {
      worker.onmessage = (event) => (event.data.error ? reject(new Error(event.data.error)) : resolve());
      worker.onerror = (event) => {
        event.preventDefault();
        reject(new Error(event.message || _("the worker did not start")));
      };
    });
    ready.catch(() => {});  // reported when a run uses it
    started = true;
    return { worker, ready };
  }

  function prepareSpare() {
    if (!spare) spare = startWorker();
  }

  let count = 0;

  class Listing {
    constructor(slot) {
      this.slot = slot;
      this.codeBox = slot.previousElementSibling;  // div.literal-block-wrapper around the program
      this.highlight = this.codeBox.querySelector(".listing-code");
      this.original = this.highlight.querySelector("pre").textContent;
      // "代码清单 2.1", "Listing 2.1" (without the caption's separator)
      const number = this.codeBox.querySelector(".caption-number")?.textContent;
      this.label = number?.replace(/[\s:：]+$/u, "") || slot.dataset.listing;
      this.id = `listing-run-${++count}`;
      this.editor = null;
      this.run = null;  // {worker, finished}
      this.build();
    }

    button(text, className, onclick) {
      const element = document.createElement("button");
      element.type = "button";
      element.className = `listing-run-button ${className}`;
      element.textContent = text;
      element.addEventListener("click", onclick);
      this.bar.append(element);
      return element;
    }

    build() {
      this.bar = document.createElement("div");
      this.bar.className = "listing-run-bar";
      this.bar.setAttribute("role", "group");
      this.bar.setAttribute("aria-label", this.label);
      this.slot.append(this.bar);
      this.startButton = this.button(_("Run"), "listing-run-start", () => this.start());
      const reason = lacking();
      if (reason) {
        const note = document.createElement("p");
        note.className = "listing-run-note";
        note.id = `${this.id}-note`;
        note.textContent = reason;
        this.startButton.setAttribute("aria-disabled", "true");
        this.startButton.setAttribute("aria-describedby", note.id);
        this.startButton.addEventListener("click", () => note.classList.add("listing-run-flash"));
        this.slot.append(note);
        this.slot.dataset.state = "unsupported";
        this.unsupported = true;
        return;
      }
      this.editButton = this.button(_("Edit"), "listing-run-edit", () => this.edit());
      this.resetButton = this.button(_("Reset"), "listing-run-reset", () => this.reset());
      this.stopButton = this.button(_("Stop"), "listing-run-stop", () => this.stop());
      this.resetButton.hidden = this.stopButton.hidden = true;
    }

    // The program to run: the reader's edit, else the text shown.
    program() {
      return this.editor ? this.editor.value : this.original;
    }

    edit() {
      if (!this.editor) {
        const editor = document.createElement("textarea");
        editor.className = "listing-run-editor";
        editor.value = this.original;
        editor.rows = this.original.split("\n").length;
        editor.spellcheck = false;
        editor.wrap = "off";
        editor.setAttribute("autocapitalize", "off");
        editor.setAttribute("autocomplete", "off");
        editor.setAttribute("aria-label", fill(_("Program of %s (editable)"), this.label));
        this.highlight.hidden = true;
        this.highlight.after(editor);
        this.editor = editor;
      }
      this.editButton.hidden = true;
      this.resetButton.hidden = false;
      this.editor.focus();
    }

    reset() {
      this.editor?.remove();
      this.editor = null;
      this.highlight.hidden = false;
      this.resetButton.hidden = true;
      this.editButton.hidden = false;
      this.editButton.focus();
    }

    // The live output: after the recorded output(s), in the same style,
    // captioned as this run's.
    outputBox() {
      if (!this.box) {
        let last = this.slot;
        while (last.nextElementSibling?.querySelector(":scope > .listing-output")) last = last.nextElementSibling;
        const box = document.createElement("div");
        box.className = "listing-run-output literal-block-wrapper docutils container";
        const caption = document.createElement("div");
        caption.className = "code-block-caption";
        caption.innerHTML = '<span class="caption-text"></span>';
        caption.firstChild.id = `${this.id}-caption`;
        caption.firstChild.textContent = fill(_("Output of this run of %s"), this.label);
        const highlight = document.createElement("div");  // as Sphinx writes a code block
        highlight.className = "highlight-text notranslate";
        highlight.innerHTML = '<div class="highlight"></div>';
        this.log = document.createElement("pre");
        this.log.setAttribute("role", "log");
        this.log.setAttribute("aria-live", "polite");
        this.log.setAttribute("aria-labelledby", caption.firstChild.id);
        this.log.tabIndex = 0;  // it scrolls sideways: reachable by keyboard
        highlight.firstChild.append(this.log);
        this.status = document.createElement("p");
        this.status.className = "listing-run-status";
        this.status.setAttribute("role", "status");
        box.append(caption, highlight, this.status);
        last.after(box);
        this.box = box;
      }
      return this.box;
    }

    write(stream, text) {
      const last = this.log.lastChild;
      if (last && last.dataset.stream === stream) {
        last.textContent += text;
      } else {
        const span = document.createElement("span");
        span.dataset.stream = stream;
        if (stream === "stderr") span.className = "listing-run-stderr";
        span.textContent = text;
        this.log.append(span);
      }
    }

    // data-state: loading, running, then finished, stopped or failed
    setRunning(running, state) {
      const focused = document.activeElement;
      this.startButton.disabled = running;
      this.stopButton.hidden = !running;
      this.slot.dataset.state = state;
      if (running && focused === this.startButton) this.stopButton.focus();
      if (!running && focused === this.stopButton) this.startButton.focus();
    }

    start() {
      if (this.unsupported || this.run) return;
      const first = !started;
      const { worker, ready } = spare ?? startWorker();
      spare = null;
      const box = this.outputBox();
      this.log.replaceChildren();
      this.status.textContent = first ? fill(_("Loading Python (about %s MB)…"), RUNTIME_MB) : _("Starting Python…");
      box.scrollIntoView({ block: "nearest" });
      const run = (this.run = { worker });
      this.setRunning(true, "loading");
      ready.then(() => {
        if (this.run !== run) return;
        this.status.textContent = _("Running…");
        this.slot.dataset.state = "running";
        worker.onmessage = (event) => {
          const message = event.data;
          if (message.stream) this.write(message.stream, message.text);
          else if ("exit" in message) this.finish(run, "finished", fill(_("Finished with exit status %s."), message.exit));
          else if (message.error) this.finish(run, "failed", fill(_("Python stopped with an error: %s"), message.error));
        };
        worker.postMessage({ code: this.program() });
      }, (error) => this.finish(run, "failed", fill(_("Python could not start: %s"), error.message), false));
    }

    finish(run, state, text, again = true) {
      if (this.run !== run) return;
      run.worker.terminate();
      this.run = null;
      this.status.textContent = text;
      this.setRunning(false, state);
      if (again) prepareSpare();
    }

    stop() {
      if (this.run) this.finish(this.run, "stopped", _("Stopped."));
    }
  }

  for (const slot of document.querySelectorAll("div.listing-run[data-listing]")) new Listing(slot);
})();
