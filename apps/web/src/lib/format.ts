import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

const gibibyte = 1024 ** 3;

const relativeUnits: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

/** Numbers, sizes and dates written the way the chosen language writes them. */
export function createFormatters(language: string) {
  const decimals = (maximumFractionDigits: number) => new Intl.NumberFormat(language, { maximumFractionDigits });
  const integer = decimals(0);
  const twoDecimals = decimals(2);
  const oneDecimal = decimals(1);
  const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 });
  const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  const relative = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  const seconds = new Intl.NumberFormat(language, { style: 'unit', unit: 'second', unitDisplay: 'long' });
  return {
    integer: (value: number) => integer.format(value),
    /** CPU in cores from millicores, e.g. 1500 → "1.5". */
    cores: (millicores: number) => twoDecimals.format(millicores / 1000),
    /** Memory in GiB from bytes, e.g. 8 GiB → "8". */
    gibibytes: (bytes: number) => oneDecimal.format(bytes / gibibyte),
    /** 0.42 → "42%". A missing total reads as 0 rather than NaN. */
    percent: (part: number, total: number) => percent.format(total > 0 ? part / total : 0),
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
    /** A wait, with the unit and its plural as the language writes it: "1 second", "30 秒". */
    seconds: (value: number) => seconds.format(value),
    /** How long ago, e.g. "5 minutes ago" / "5 分前". */
    ago: (iso: string, now = Date.now()) => {
      const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
      const [unit, size] = relativeUnits.find(([, size]) => Math.abs(seconds) >= size) ?? ['second', 1];
      return relative.format(Math.round(seconds / size), unit);
    },
  };
}

export type Formatters = ReturnType<typeof createFormatters>;

export function useFormatters(): Formatters {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return useMemo(() => createFormatters(language), [language]);
}
