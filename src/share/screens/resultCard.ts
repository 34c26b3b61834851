import { formatDay, formatPercent } from '../../platform/ui/format';
import { m } from '../../i18n/paraglide/messages.js';
import type { Points } from '../../core/scoring';
import { percent } from '../../core/scoring';

/** What the result card shows. */
export interface ResultCardData {
  name: string;
  total: Points;
  /** Topics with their points, strongest first; the card shows a few. */
  topics: Array<Points & { label: string }>;
  companies: number;
  date: Date;
}

const WIDTH = 1200;
const HEIGHT = 630;
const LEFT_COLUMN = 600;
const RIGHT = 760;
const BAR = 370;
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

/** Cuts text with an ellipsis so it fits `width` pixels in the context's current font. */
function fit(context: CanvasRenderingContext2D, text: string, width: number): string {
  if (context.measureText(text).width <= width) return text;
  const chars = Array.from(text);
  while (chars.length && context.measureText(`${chars.join('')}…`).width > width) chars.pop();
  return `${chars.join('')}…`;
}

/** Draws a shareable image of a result (1200×630, the size social sites preview) as a PNG. */
export function drawResultCard(data: ResultCardData): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH;
  canvas.height = HEIGHT;
  const context = canvas.getContext('2d')!;

  context.fillStyle = '#f7f6f2';
  context.fillRect(0, 0, WIDTH, HEIGHT);
  context.fillStyle = '#1d4ed8';
  context.fillRect(70, 70, 46, 46);
  context.fillStyle = 'rgba(194, 65, 12, 0.9)';
  context.beginPath();
  context.arc(126, 104, 28, 0, Math.PI * 2);
  context.fill();

  context.fillStyle = '#1c1b19';
  context.font = `800 40px ${FONT}`;
  context.fillText('Role Call', 176, 108);
  context.font = `400 26px ${FONT}`;
  context.fillStyle = '#55524b';
  context.fillText(m.share_card_tagline(), 176, 146);

  context.fillStyle = '#1c1b19';
  const name = data.name || m.share_card_my_result();
  // A long name gets smaller type before it gets cut.
  for (const size of [44, 38, 32]) {
    context.font = `700 ${size}px ${FONT}`;
    if (context.measureText(name).width <= LEFT_COLUMN) break;
  }
  context.fillText(fit(context, name, LEFT_COLUMN), 70, 250);
  context.font = `800 120px ${FONT}`;
  context.fillStyle = '#1f3a8a';
  context.fillText(formatPercent(percent(data.total) / 100), 70, 390);
  context.font = `400 28px ${FONT}`;
  context.fillStyle = '#55524b';
  const summary = m.share_card_summary({ points: data.total.points, max: data.total.max, count: data.companies });
  context.fillText(fit(context, summary, LEFT_COLUMN), 70, 450);
  context.fillText(formatDay(data.date), 70, 492);

  context.fillStyle = '#1c1b19';
  context.font = `700 28px ${FONT}`;
  context.fillText(m.share_card_strongest(), RIGHT, 226);
  data.topics.slice(0, 4).forEach((topic, index) => {
    const y = 286 + index * 72;
    context.font = `600 24px ${FONT}`;
    context.fillStyle = '#1c1b19';
    context.textAlign = 'left';
    context.fillText(fit(context, topic.label, 250), RIGHT, y);
    context.textAlign = 'right';
    context.fillStyle = '#55524b';
    context.fillText(m.share_card_topic_points({ points: topic.points, max: topic.max }), RIGHT + BAR, y);
    context.textAlign = 'left';
    context.fillStyle = '#d9d5cb';
    context.fillRect(RIGHT, y + 14, BAR, 14);
    context.fillStyle = '#166534';
    context.fillRect(RIGHT, y + 14, topic.max ? (BAR * topic.points) / topic.max : 0, 14);
  });

  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The image could not be drawn.'))), 'image/png'),
  );
}
