// Writes the small synthetic data sets the experiment templates ship (templates/experiments/*/data/). Deterministic:
// the same seed gives the same files, so re-running changes nothing. The data is made up: each column follows a
// plausible range and the label depends on a few of them with noise, so a small MLP learns something in seconds.
// Usage: node scripts/gen-template-data.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dir = (id) => join(root, 'templates', 'experiments', id, 'data');

function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  return {
    next,
    normal,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
  };
}
const sigmoid = (x) => 1 / (1 + Math.exp(-x));
const r = (x, d = 2) => Number(x.toFixed(d));

function write(id, file, header, rows) {
  mkdirSync(dir(id), { recursive: true });
  const text = [header.join(','), ...rows.map((row) => row.join(','))].join('\n') + '\n';
  writeFileSync(join(dir(id), file), text);
  console.log(`templates/experiments/${id}/data/${file}: ${rows.length} rows`);
}

function creditRisk() {
  const g = rng(101);
  const rows = [];
  for (let i = 0; i < 400; i++) {
    const income = Math.round(Math.max(8000, 45000 + 18000 * g.normal()));
    const age = g.int(21, 70);
    const employment = r(Math.max(0, Math.min(age - 20, 6 + 5 * g.normal())), 1);
    const debt = r(Math.min(0.95, Math.max(0.02, 0.3 + 0.15 * g.normal())), 3);
    const lines = g.int(0, 12);
    const late = g.next() < 0.75 ? 0 : g.int(1, 5);
    const loan = Math.round(Math.max(1000, 15000 + 9000 * g.normal()) / 100) * 100;
    const z =
      -2.2 +
      3.5 * (debt - 0.3) +
      0.7 * late -
      0.00002 * (income - 45000) -
      0.05 * employment +
      0.00003 * (loan - 15000);
    rows.push([income, age, employment, debt, lines, late, loan, g.next() < sigmoid(z) ? 'default' : 'good']);
  }
  write(
    'credit-risk',
    'applications.csv',
    ['income', 'age', 'employment_years', 'debt_ratio', 'credit_lines', 'late_payments_12m', 'loan_amount', 'outcome'],
    rows,
  );
}

function demandForecasting() {
  const g = rng(202);
  const rows = [];
  const history = [];
  for (let day = 0; day < 420; day++) {
    const dow = day % 7;
    const promo = g.next() < 0.15 ? 1 : 0;
    const holiday = g.next() < 0.04 ? 1 : 0;
    const price = r(9.9 - (promo ? 1.5 : 0) + 0.3 * g.normal(), 2);
    const base = 120 + 8 * Math.sin((2 * Math.PI * day) / 365) + (dow >= 5 ? 25 : 0);
    const units = Math.max(0, Math.round(base + 45 * promo + 30 * holiday - 6 * (price - 9.9) + 8 * g.normal()));
    history.push(units);
    if (day < 7) continue;
    rows.push([history[day - 1], history[day - 7], dow, promo, price, holiday, units]);
  }
  write(
    'demand-forecasting',
    'daily_sales.csv',
    ['sales_lag_1', 'sales_lag_7', 'day_of_week', 'promo', 'price', 'holiday', 'units_sold'],
    rows,
  );
}

function defectDetection() {
  const g = rng(303);
  const rows = [];
  for (let i = 0; i < 400; i++) {
    const temp = r(185 + 6 * g.normal(), 1);
    const pressure = r(4.2 + 0.3 * g.normal(), 2);
    const vibration = r(Math.max(0.1, 1.1 + 0.35 * g.normal()), 2);
    const speed = Math.round(3000 + 150 * g.normal());
    const feed = r(0.25 + 0.03 * g.normal(), 3);
    const humidity = r(45 + 8 * g.normal(), 1);
    const z =
      -2.6 +
      0.25 * Math.abs(temp - 185) +
      2.2 * (vibration - 1.1) +
      4 * Math.abs(pressure - 4.2) +
      0.02 * (humidity - 45);
    rows.push([temp, pressure, vibration, speed, feed, humidity, g.next() < sigmoid(z) ? 'defect' : 'ok']);
  }
  write(
    'defect-detection',
    'line_sensors.csv',
    ['temperature_c', 'pressure_bar', 'vibration_rms', 'spindle_rpm', 'feed_mm', 'humidity_pct', 'quality'],
    rows,
  );
}

function education() {
  const g = rng(404);
  const rows = [];
  for (let i = 0; i < 400; i++) {
    const logins = r(Math.max(0, 3 + 2 * g.normal()), 1);
    const videos = g.int(0, 40);
    const quiz = r(Math.min(100, Math.max(0, 68 + 15 * g.normal())), 1);
    const assignments = g.int(0, 10);
    const posts = g.int(0, 15);
    const idle = g.int(0, 30);
    const z = 1.2 - 0.45 * logins - 0.04 * videos - 0.03 * (quiz - 68) - 0.25 * assignments + 0.12 * idle;
    rows.push([logins, videos, quiz, assignments, posts, idle, g.next() < sigmoid(z) ? 'dropped_out' : 'completed']);
  }
  write(
    'education',
    'learners.csv',
    [
      'logins_per_week',
      'videos_watched',
      'quiz_avg',
      'assignments_submitted',
      'forum_posts',
      'days_since_last_login',
      'outcome',
    ],
    rows,
  );
}

function medicalImaging() {
  // Radiomics features of lung nodules, one row per nodule, several nodules per (synthetic) patient. The files are
  // split by patient, so no patient is in two splits.
  const g = rng(505);
  const header = [
    'patient_id',
    'diameter_mm',
    'mean_hu',
    'std_hu',
    'sphericity',
    'margin_irregularity',
    'growth_mm_per_year',
    'finding',
  ];
  const splits = { train: [], validation: [], test: [] };
  for (let p = 0; p < 150; p++) {
    const split = p < 105 ? 'train' : p < 127 ? 'validation' : 'test';
    const nodules = g.int(1, 3);
    for (let k = 0; k < nodules; k++) {
      const diameter = r(Math.max(3, 9 + 5 * g.normal()), 1);
      const meanHu = Math.round(-150 + 220 * g.normal());
      const stdHu = Math.round(Math.max(10, 60 + 20 * g.normal()));
      const sphericity = r(Math.min(1, Math.max(0.3, 0.75 + 0.12 * g.normal())), 2);
      const margin = r(Math.min(1, Math.max(0, 0.35 + 0.2 * g.normal())), 2);
      const growth = r(Math.max(0, 0.8 + 0.9 * g.normal()), 2);
      const z = -3 + 0.22 * (diameter - 9) + 3.5 * (margin - 0.35) + 1.2 * growth - 2.5 * (sphericity - 0.75);
      splits[split].push([
        `P${String(p).padStart(4, '0')}`,
        diameter,
        meanHu,
        stdHu,
        sphericity,
        margin,
        growth,
        g.next() < sigmoid(z) ? 'suspicious' : 'benign',
      ]);
    }
  }
  for (const [name, rows] of Object.entries(splits)) write('medical-imaging', `nodules_${name}.csv`, header, rows);
}

function customerService() {
  const g = rng(606);
  const intents = {
    refund: [
      'I want my money back for order {n}',
      'please refund order {n}',
      'how do I get a refund',
      'refund the {item} I returned',
      'the {item} was broken, I need a refund',
    ],
    delivery_status: [
      'where is my order {n}',
      'when will the {item} arrive',
      'track my parcel {n}',
      'my delivery is late',
      'has order {n} shipped yet',
    ],
    change_address: [
      'change the delivery address of order {n}',
      'I moved, update my address',
      'ship the {item} to a different address',
      'wrong address on order {n}',
      'update shipping address please',
    ],
    product_question: [
      'does the {item} come in blue',
      'is the {item} waterproof',
      'what size is the {item}',
      'does the {item} have a warranty',
      'how long does the {item} battery last',
    ],
    cancel_order: [
      'cancel order {n}',
      'I do not want the {item} anymore, cancel it',
      'please cancel my order',
      'stop order {n} before it ships',
      'cancel the {item} I ordered today',
    ],
  };
  const items = ['jacket', 'phone case', 'kettle', 'backpack', 'headphones', 'lamp', 'watch'];
  const rows = [];
  for (let i = 0; i < 300; i++) {
    const intent = g.pick(Object.keys(intents));
    const text = g
      .pick(intents[intent])
      .replace('{n}', String(g.int(10000, 99999)))
      .replace('{item}', g.pick(items));
    rows.push([`"${text}"`, intent]);
  }
  write('customer-service', 'utterances.csv', ['text', 'intent'], rows);
}

creditRisk();
demandForecasting();
defectDetection();
education();
medicalImaging();
customerService();
