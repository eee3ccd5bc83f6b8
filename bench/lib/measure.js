/**
 * Run a command as a whole process and measure its wall time and peak memory.
 *
 * Peak memory is the peak resident set size (RSS) of the process, worker
 * threads included: `/usr/bin/time -f %M` (GNU time, Debian package `time`,
 * from `wait4`'s `ru_maxrss`, exact) when it is installed, else a poll of
 * `/proc/<pid>/status` (`VmHWM`, the kernel's own high-water mark) every
 * 20 ms, which can only miss the last 20 ms of a process.
 *
 * CPU time (user + system, all threads) comes from GNU time too. On a busy
 * machine it is the steadier figure: wall time grows with the other load,
 * CPU time much less.
 */
import {spawn} from 'node:child_process'
import {existsSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined

/** How peak memory is measured on this machine. */
export const rssMethod = gnuTime ? 'GNU time %M (ru_maxrss)' : '/proc/<pid>/status VmHWM, polled every 20 ms'

/**
 * @typedef RunResult
 * @property {number} wallMs
 * @property {number | undefined} rssMb
 *   Peak RSS in MB (1024 * 1024 bytes).
 * @property {number | undefined} cpuMs
 *   User + system CPU time of the process (all its threads), when GNU time is there.
 * @property {number | null} code
 * @property {string} stdout
 * @property {string} stderr
 */

/**
 * @typedef RunOptions
 * @property {string} [cwd]
 * @property {NodeJS.ProcessEnv} [env]
 * @property {number} [timeoutMs]
 *   Kill the process after this long (default 15 minutes).
 */

let counter = 0

/**
 * @param {string} command
 * @param {string[]} args
 * @param {RunOptions} [options]
 * @returns {Promise<RunResult>}
 */
export function run(command, args, options = {}) {
  const outFile = join(tmpdir(), `coursemark-bench-time-${process.pid}-${counter++}`)
  const [file, fileArgs] = gnuTime
    ? [gnuTime, ['-f', '%M %U %S', '-o', outFile, command, ...args]]
    : [command, args]

  return new Promise((resolve, reject) => {
    const start = performance.now()
    const child = spawn(file, fileArgs, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    /** @type {Buffer[]} */
    const out = []
    /** @type {Buffer[]} */
    const err = []
    child.stdout.on('data', (chunk) => out.push(chunk))
    child.stderr.on('data', (chunk) => err.push(chunk))
    let peakKb = 0
    /** @type {number | undefined} */
    let cpuMs
    const poll = gnuTime
      ? undefined
      : setInterval(() => {
          try {
            const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
            const match = /VmHWM:\s+(\d+)/.exec(status)
            if (match) peakKb = Math.max(peakKb, Number(match[1]))
          } catch {
            // The process has just exited.
          }
        }, 20)
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15 * 60 * 1000)
    child.on('error', reject)
    child.on('close', (code) => {
      const wallMs = performance.now() - start
      clearTimeout(timer)
      if (poll) clearInterval(poll)
      if (gnuTime) {
        try {
          // GNU time reports a non-zero exit as "Command exited with non-zero status N" first.
          const lines = readFileSync(outFile, 'utf8').trim().split('\n')
          const [kb, user, system] = (lines.at(-1) ?? '').split(' ').map(Number)
          peakKb = kb ?? 0
          if (user !== undefined && system !== undefined) cpuMs = (user + system) * 1000
        } catch {
          peakKb = 0
        }

        rmSync(outFile, {force: true})
      }

      resolve({
        wallMs,
        rssMb: peakKb > 0 ? peakKb / 1024 : undefined,
        cpuMs,
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8')
      })
    })
  })
}
