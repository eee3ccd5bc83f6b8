/**
 * The module compile cache of Node 22.1 and later: V8 keeps the code it
 * compiled for coursemark's modules, so the next run starts sooner. Where it
 * is kept is Node's choice: `NODE_COMPILE_CACHE` when set, else the
 * `node-compile-cache` folder of the OS temporary directory; never the
 * curriculum. `NODE_DISABLE_COMPILE_CACHE=1` turns it off (Node checks it
 * too). On Node 20 the function does not exist and nothing happens.
 */
import nodeModule from 'node:module'

/** The part of `node:module` used here (absent before Node 22.1). */
interface CompileCacheModule {
  enableCompileCache?: (() => unknown) | undefined
}

/** Turn the compile cache on when this Node has it and the environment allows it; whether it was asked for. */
export function startCompileCache(env: NodeJS.ProcessEnv = process.env, module: CompileCacheModule = nodeModule as CompileCacheModule): boolean {
  if (env.NODE_DISABLE_COMPILE_CACHE === '1' || typeof module.enableCompileCache !== 'function') return false
  try {
    // Never throws by design; guarded all the same, as it is an optimisation only.
    module.enableCompileCache()
    return true
  } catch {
    return false
  }
}
