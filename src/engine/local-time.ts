/**
 * Times as the officials read them: Vietnam's clock (Asia/Ho_Chi_Minh, UTC+7), whatever the
 * machine's zone (a server in UTC, a laptop set wrong), "16:30 ngày 20/07/2018".
 */
const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export function vietnamTime(date: Date): string {
  const part = Object.fromEntries(PARTS.formatToParts(date).map((p) => [p.type, p.value]));
  return `${part.hour}:${part.minute} ngày ${part.day}/${part.month}/${part.year}`;
}

/** An ISO time stored with a source (readAt) as Vietnam's clock; anything else as it is. */
export function vietnamTimeOf(iso: string): string {
  const date = new Date(iso);
  return iso && !Number.isNaN(date.getTime()) ? vietnamTime(date) : iso;
}
