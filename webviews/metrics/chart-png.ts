/**
 * A chart as a PNG: its canvas (lines, axes, markers) on the theme's background, with the title above and the
 * legend below, drawn into a new canvas and turned into a data URL for the host to save.
 */
import type uPlot from 'uplot';
import { type ChartEnv, runLabel } from './chart-env';
import type { ChartDef } from './model';

export function chartPng(u: uPlot, def: ChartDef, env: ChartEnv): string {
  const theme = env.theme();
  const dpr = devicePixelRatio;
  const src = u.ctx.canvas;
  const runs = [...new Set(def.members.map((m) => m.run))];
  const legend = def.members.slice(0, 12);
  const titleH = 28 * dpr;
  const legendH = (Math.ceil(legend.length / 3) * 18 + 10) * dpr;
  const canvas = document.createElement('canvas');
  canvas.width = src.width + 24 * dpr;
  canvas.height = src.height + titleH + legendH + 12 * dpr;
  const ctx = canvas.getContext('2d')!;
  const family = getComputedStyle(document.body).fontFamily || 'sans-serif';
  ctx.fillStyle = theme.bg;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = theme.fg;
  ctx.font = `600 ${13 * dpr}px ${family}`;
  ctx.textBaseline = 'middle';
  ctx.fillText(def.key, 12 * dpr, titleH / 2 + 4 * dpr);
  ctx.drawImage(src, 12 * dpr, titleH);
  ctx.font = `${11 * dpr}px ${family}`;
  const colW = (canvas.width - 24 * dpr) / 3;
  legend.forEach((m, i) => {
    const x = 12 * dpr + (i % 3) * colW;
    const y = titleH + src.height + (10 + Math.floor(i / 3) * 18) * dpr;
    ctx.strokeStyle = env.colorOf(m.run);
    ctx.lineWidth = 2 * dpr;
    ctx.setLineDash(m.variant === 'train' ? [4 * dpr, 2 * dpr] : []);
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + 16 * dpr, y);
    ctx.stroke();
    ctx.fillStyle = theme.fg;
    ctx.fillText(`${runs.length > 1 ? `${runLabel(m.run)} · ` : ''}${m.series.name}`, x + 22 * dpr, y, colW - 30 * dpr);
  });
  return canvas.toDataURL('image/png');
}
