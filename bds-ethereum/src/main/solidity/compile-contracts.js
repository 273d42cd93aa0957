#!/usr/bin/env node
// Compiles the test contracts of this directory with solc-js and writes ABI, creation bytecode, runtime bytecode and
// method identifiers to ../resources/org/openbds/ethereum/devnet/contracts.json (or, with --stdout, to standard
// output). The output depends only on the sources and the pinned compiler, so ContractsBuildIT can check that the
// committed JSON is exactly what this script makes.
//
// solc comes from the project-local tools directory that ./bds installs (.tools/node_modules/solc, found upward from
// here), or from the directory named by BDS_SOLC_JS. Its version must be SOLC_VERSION, pinned with ./bds's.
"use strict";

const fs = require("fs");
const path = require("path");

const SOLC_VERSION = "0.8.28";
const EVM_VERSION = "cancun";
const OPTIMIZER_RUNS = 200;
// solc's "selfdestruct has been deprecated": Child uses SELFDESTRUCT on purpose, as traces must show it
const INTENDED_WARNINGS = new Set(["5159"]);
const OUTPUT = path.join(__dirname, "..", "resources", "org", "openbds", "ethereum", "devnet", "contracts.json");

function fail(message) {
  process.stderr.write("compile-contracts: " + message + "\n");
  process.exit(1);
}

function findSolc() {
  if (process.env.BDS_SOLC_JS) {
    return process.env.BDS_SOLC_JS;
  }
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, ".tools", "node_modules", "solc");
    if (fs.existsSync(path.join(candidate, "package.json"))) {
      return candidate;
    }
    if (path.dirname(dir) === dir) {
      fail("no solc-js under .tools/node_modules above " + __dirname + " (./bds test installs it) and BDS_SOLC_JS is not set");
    }
  }
}

function main() {
  const toStdout = process.argv.includes("--stdout");
  const solc = require(findSolc());
  const version = solc.version();
  if (!version.startsWith(SOLC_VERSION + "+")) {
    fail("solc " + version + " found, " + SOLC_VERSION + " required");
  }
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith(".sol")).sort();
  const sources = {};
  for (const f of files) {
    sources[f] = { content: fs.readFileSync(path.join(__dirname, f), "utf8") };
  }
  const input = {
    language: "Solidity",
    sources,
    settings: {
      evmVersion: EVM_VERSION,
      optimizer: { enabled: true, runs: OPTIMIZER_RUNS },
      outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object", "evm.methodIdentifiers"] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  const problems = (output.errors || []).filter((p) => !(p.severity === "warning" && INTENDED_WARNINGS.has(p.errorCode)));
  for (const p of problems) {
    process.stderr.write(p.formattedMessage || p.message);
  }
  if (problems.some((p) => p.severity === "error")) {
    fail("compilation failed");
  }
  const contracts = {};
  const names = [];
  for (const file of Object.keys(output.contracts).sort()) {
    for (const name of Object.keys(output.contracts[file]).sort()) {
      const c = output.contracts[file][name];
      // abstract contracts and interfaces have no code of their own to deploy
      if (!c.evm.bytecode.object) {
        continue;
      }
      if (contracts[name]) {
        fail("two contracts named " + name);
      }
      names.push(name);
      contracts[name] = {
        source: file,
        abi: c.abi,
        bytecode: "0x" + c.evm.bytecode.object,
        deployedBytecode: "0x" + c.evm.deployedBytecode.object,
        methodIdentifiers: sortedObject(c.evm.methodIdentifiers),
      };
    }
  }
  const sortedContracts = {};
  for (const name of names.sort()) {
    sortedContracts[name] = contracts[name];
  }
  const result = { compiler: version, evmVersion: EVM_VERSION, optimizerRuns: OPTIMIZER_RUNS, contracts: sortedContracts };
  const text = JSON.stringify(result, null, 2) + "\n";
  if (toStdout) {
    process.stdout.write(text);
  } else {
    fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
    fs.writeFileSync(OUTPUT, text);
    process.stderr.write("compile-contracts: wrote " + names.length + " contracts to " + OUTPUT + "\n");
  }
}

function sortedObject(o) {
  const sorted = {};
  for (const k of Object.keys(o).sort()) {
    sorted[k] = o[k];
  }
  return sorted;
}

main();
