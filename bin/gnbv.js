#!/usr/bin/env node
// Runs the compiled command line (npm ci builds it through the "prepare" script).
import('../dist/src/cli/gnbv.js');
