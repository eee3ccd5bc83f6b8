#!/usr/bin/env node
// The committed entry of the `coursemark` binary: it exists before the build,
// so npm can link it at install time; the command itself is compiled to dist/.
import '../dist/bin.js'
