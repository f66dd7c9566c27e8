/**
 * Detects local NVIDIA GPUs with `nvidia-smi` (no native bindings): ENOENT means no driver, a non-zero exit a driver
 * problem (its stderr is the message), no answer within the timeout an unknown state. `CUDA_VISIBLE_DEVICES` is applied
 * the way CUDA applies it, since that is what a training process started from here would see.
 */
import { spawn as nodeSpawn } from 'node:child_process';

export interface GpuDevice {
  /** nvidia-smi's (physical) index; with CUDA_VISIBLE_DEVICES, CUDA's ordinal is the position in `gpus`. */
  readonly index: number;
  readonly name: string;
  /** 0 when the driver reports `[N/A]`. */
  readonly memoryTotalMiB: number;
  readonly memoryUsedMiB: number | undefined;
  readonly utilizationPct: number | undefined;
}

export type GpuProbeResult =
  | { readonly status: 'ok'; readonly gpus: readonly GpuDevice[] }
  | { readonly status: 'no-driver' }
  | { readonly status: 'error'; readonly message: string }
  | { readonly status: 'timeout' };

export interface GpuProbeOptions {
  /** Program to run: a name looked up on `env.PATH`, or a path. Default `nvidia-smi`. */
  readonly command?: string;
  /** Environment for PATH lookup and `CUDA_VISIBLE_DEVICES`. Default `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
  /** Default 5000 ms. */
  readonly timeoutMs?: number;
  /** Injectable for tests; Node's `spawn` by default. */
  readonly spawn?: typeof nodeSpawn;
}

export const NVIDIA_SMI_ARGS = [
  '--query-gpu=index,name,memory.total,memory.used,utilization.gpu',
  '--format=csv,noheader,nounits',
];

export function probeGpus(options: GpuProbeOptions = {}): Promise<GpuProbeResult> {
  const env = options.env ?? process.env;
  const spawn = options.spawn ?? nodeSpawn;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: GpuProbeResult) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        resolve(r);
      }
    };
    let child: ReturnType<typeof nodeSpawn>;
    try {
      child = spawn(options.command ?? 'nvidia-smi', NVIDIA_SMI_ARGS, {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
      });
    } catch (err) {
      resolve(failure(err));
      return;
    }
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish({ status: 'timeout' });
    }, options.timeoutMs ?? 5000);
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (s: string) => {
      stdout += s;
    });
    child.stderr?.setEncoding('utf8').on('data', (s: string) => {
      stderr += s;
    });
    child.on('error', (err) => finish(failure(err)));
    child.on('close', (code, signal) => {
      if (code === 0) {
        const gpus = parseNvidiaSmi(stdout);
        finish(
          gpus
            ? { status: 'ok', gpus: applyVisibleDevices(gpus, env.CUDA_VISIBLE_DEVICES) }
            : { status: 'error', message: `unexpected nvidia-smi output: ${stdout.trim().slice(0, 200)}` },
        );
      } else if (/no devices were found/i.test(stdout + stderr)) {
        finish({ status: 'ok', gpus: [] });
      } else {
        finish({
          status: 'error',
          message: stderr.trim() || stdout.trim() || `nvidia-smi exited with ${signal ?? `code ${code}`}`,
        });
      }
    });
  });
}

function failure(err: unknown): GpuProbeResult {
  if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'no-driver' };
  return { status: 'error', message: err instanceof Error ? err.message : String(err) };
}

/** Parses `index, name, memory.total, memory.used, utilization.gpu` lines; undefined when a line does not fit. */
export function parseNvidiaSmi(stdout: string): GpuDevice[] | undefined {
  const gpus: GpuDevice[] = [];
  for (const line of stdout
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    const fields = line.split(',').map((f) => f.trim());
    if (fields.length < 5) return undefined;
    const [util, used, total] = [fields.pop(), fields.pop(), fields.pop()];
    const index = Number(fields.shift());
    if (!Number.isInteger(index)) return undefined;
    gpus.push({
      index,
      name: fields.join(', '),
      memoryTotalMiB: numberOf(total) ?? 0,
      memoryUsedMiB: numberOf(used),
      utilizationPct: numberOf(util),
    });
  }
  return gpus;
}

function numberOf(field: string | undefined): number | undefined {
  const n = Number(field);
  return field !== undefined && field !== '' && Number.isFinite(n) ? n : undefined;
}

/**
 * The GPUs a CUDA process sees: unset ⇒ all; otherwise the listed indices in the listed order, stopping at the first
 * entry that is not a valid index (as CUDA does), so `""` and `-1` hide every GPU. UUID entries (`GPU-…`, `MIG-…`)
 * cannot be matched against this query's output: then all GPUs are kept.
 */
export function applyVisibleDevices(gpus: readonly GpuDevice[], visible: string | undefined): GpuDevice[] {
  if (visible === undefined) return [...gpus];
  const entries = visible.split(',').map((e) => e.trim());
  if (entries.some((e) => /^(GPU|MIG)-/i.test(e))) return [...gpus];
  const out: GpuDevice[] = [];
  for (const entry of entries) {
    const gpu = /^\d+$/.test(entry) ? gpus.find((g) => g.index === Number(entry)) : undefined;
    if (!gpu || out.includes(gpu)) break;
    out.push(gpu);
  }
  return out;
}
