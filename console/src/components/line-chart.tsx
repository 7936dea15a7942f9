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
  summary = 'total',
}: {
  label: string;
  points: Point[];
  format?: (v: number) => string;
  /** a count per day adds up; a level (followers) does not: show its latest value */
  summary?: 'total' | 'latest';
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
  const fmt = format ?? ((v: number) => v.toLocaleString('en-GB'));
  const said =
    summary === 'latest'
      ? `latest ${fmt(points[points.length - 1]?.value ?? 0)}`
      : `total ${fmt(points.reduce((s, p) => s + p.value, 0))}`;
  return (
    <figure className="chart">
      <div className="chart-canvas">
        <canvas ref={canvas} role="img" aria-label={`${label}: ${points.length} days, ${said}`} />
      </div>
      <figcaption>
        {label}: {said} over {points.length} days
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
