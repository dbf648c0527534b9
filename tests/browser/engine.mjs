// Runs the program builder's WebAssembly engine outside a browser, as the page does
// (tests/builder.rs): node engine.mjs OUTPUT_DIR PROGRAM.yaml... writes PROGRAM.pdf
// beside each program, or prints the engine's messages and exits 1.
import { readFileSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";

const [outputDir, ...programs] = process.argv.slice(2);
const script = (file, name) => {
  const text = readFileSync(`${outputDir}/builder/${file}`, "utf8");
  const prefix = `self.${name} = "`;
  return Buffer.from(text.slice(prefix.length, text.lastIndexOf('"')), "base64");
};
const module = new WebAssembly.Module(gunzipSync(script("engine.js", "HANDOUT_ENGINE")));
const imports = {};
for (const item of WebAssembly.Module.imports(module)) {
  imports[item.module] = imports[item.module] || {};
  imports[item.module][item.name] = () => { throw new Error(`the engine called ${item.name}`); };
}
const engine = new WebAssembly.Instance(module, imports).exports;
function call(name, input) {
  const at = engine.input_buffer(input.length);
  new Uint8Array(engine.memory.buffer, at, input.length).set(input);
  const code = engine[name]();
  const out = Buffer.from(new Uint8Array(engine.memory.buffer, engine.output_ptr(), engine.output_len()));
  return { ok: code === 0, out };
}
const opened = call("open_site", script("site.js", "HANDOUT_SITE"));
if (!opened.ok) {
  console.log(opened.out.toString());
  process.exit(1);
}
for (const program of programs) {
  const printed = call("print_program", readFileSync(program));
  if (!printed.ok) {
    console.log(`${program}: ${printed.out.toString()}`);
    process.exit(1);
  }
  writeFileSync(program.replace(/\.yaml$/, ".pdf"), printed.out);
}
