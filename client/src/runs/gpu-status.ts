import * as vscode from 'vscode';
import { probeGpus, type GpuProbeResult } from '../../../core/src/gpu';

/**
 * Status bar: the local accelerators ("2 GPUs", or "CPU" where there are none). While a run is active it shows live
 * utilisation and memory, refreshed every 5 s. The probe (nvidia-smi) runs only when first needed, never at activation.
 */
export class GpuStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('liftoff.gpus', vscode.StatusBarAlignment.Right, 100);
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly probe: () => Promise<GpuProbeResult> = () => probeGpus()) {
    this.item.name = 'Liftoff GPUs';
    this.item.command = 'liftoff.refreshRuns';
  }

  async update(live: boolean): Promise<GpuProbeResult> {
    const result = await this.probe();
    if (result.status === 'ok' && result.gpus.length > 0) {
      const util = result.gpus.map((g) => `${g.utilizationPct ?? '?'}%`).join(' ');
      const mem = result.gpus.reduce((a, g) => a + (g.memoryUsedMiB ?? 0), 0) / 1024;
      const count = result.gpus.length === 1 ? '1 GPU' : `${result.gpus.length} GPUs`;
      this.item.text = live ? `$(pulse) ${count} ${util}` : `$(circuit-board) ${count}`;
      this.item.tooltip =
        result.gpus
          .map((g) =>
            vscode.l10n.t(
              'GPU {0}: {1}, {2}% busy, {3} / {4} GiB',
              g.index,
              g.name,
              g.utilizationPct ?? '?',
              ((g.memoryUsedMiB ?? 0) / 1024).toFixed(1),
              (g.memoryTotalMiB / 1024).toFixed(1),
            ),
          )
          .join('\n') + (live ? `\n${vscode.l10n.t('In use: {0} GiB', mem.toFixed(1))}` : '');
    } else {
      this.item.text = '$(chip) CPU';
      this.item.tooltip =
        result.status === 'no-driver'
          ? vscode.l10n.t('No NVIDIA driver found (nvidia-smi is not installed): runs use the CPU.')
          : result.status === 'error'
            ? vscode.l10n.t('nvidia-smi failed: {0}', result.message)
            : result.status === 'timeout'
              ? vscode.l10n.t('nvidia-smi did not answer within 5 s.')
              : vscode.l10n.t('No GPUs are visible.');
    }
    this.item.show();
    return result;
  }

  /** Live refresh while `active()` says a run is going. */
  watch(active: () => Promise<boolean>): void {
    if (this.timer) return;
    const tick = async () => {
      const live = await active();
      await this.update(live);
      if (!live && this.timer) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
    void tick();
    this.timer = setInterval(() => void tick(), 5000);
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.item.dispose();
  }
}
