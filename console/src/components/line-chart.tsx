/**
 * A daily series as a Chart.js line chart, with the same figures as a table for people who cannot see
 * the canvas (and for keyboard and screen-reader users).
 */
import { useEffect, useRef } from 'react';
import {
  CategoryScale,
  Chart,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip, Filler);

export interface Point {
  date: string;
  value: number;
}

export function LineChart({
  label,
  points,
  format,
}: {
  label: string;
  points: Point[];
  format?: (v: number) => string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    const chart = new Chart(canvas.current, {
      type: 'line',
      data: {
        labels: points.map((p) => p.date.slice(5)),
        datasets: [
          {
            label,
            data: points.map((p) => p.value),
            borderColor: '#0b57d0',
            backgroundColor: 'rgba(11, 87, 208, 0.12)',
            fill: true,
            tension: 0.25,
            pointRadius: 2,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: reduced ? false : { duration: 300 },
        plugins: { legend: { display: false } },
        scales: {
          y: { beginAtZero: true, ticks: { color: '#3c4043' } },
          x: { ticks: { color: '#3c4043', maxRotation: 0, autoSkip: true } },
        },
      },
    });
    return () => chart.destroy();
  }, [label, points]);
  const total = points.reduce((s, p) => s + p.value, 0);
  const fmt = format ?? ((v: number) => v.toLocaleString('en-GB'));
  return (
    <figure className="chart">
      <div className="chart-canvas">
        <canvas ref={canvas} role="img" aria-label={`${label}: ${points.length} days, total ${fmt(total)}`} />
      </div>
      <figcaption>
        {label}: total {fmt(total)} over {points.length} days
      </figcaption>
      <details>
        <summary>Figures</summary>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">{label}</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.date}>
                  <td>{p.date}</td>
                  <td>{fmt(p.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
