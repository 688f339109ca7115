// Batch-checks files with ruff's WebAssembly build, with the rules equivalent to pymm's, and prints
// "files=.. bytes=.. seconds=.. diagnostics=..". usage: node ruff_check.js MODULE_DIR LIST_FILE [PART PARTS]
// Files are split by index (i % PARTS == PART) so several processes can share one list.
const fs = require("fs");
const [moduleDir, listFile, part = "0", parts = "1"] = process.argv.slice(2);
const ruff = require(moduleDir);
const select = ["B006", "B023", "F632", "E722", "B904", "S110", "SIM105", "SIM401", "B909", "RUF012", "E721",
                "PLC1802", "C419", "SIM115", "ASYNC251", "PLW1641", "RUF008", "SIM118", "PERF401"];
const workspace = new ruff.Workspace({ lint: { select, preview: true } }, ruff.PositionEncoding.Utf16);
const files = fs.readFileSync(listFile, "utf8").split("\n").filter((f) => f);
let bytes = 0, count = 0, diagnostics = 0;
const mine = files.filter((_, i) => i % Number(parts) === Number(part));
const t0 = process.hrtime.bigint();
for (const file of mine) {
  const text = fs.readFileSync(file, "utf8");
  bytes += Buffer.byteLength(text);
  try {
    diagnostics += workspace.check(text).length;
  } catch (e) {
    // a file ruff cannot read is skipped, as a batch checker would report and go on
  }
  count++;
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(`files=${count} bytes=${bytes} seconds=${seconds.toFixed(4)} diagnostics=${diagnostics}`);
