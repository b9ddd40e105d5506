// Points earned vs spent per day (@shopify/polaris-viz), loaded only when the dashboard has data to
// draw. A visually hidden table carries the same numbers for screen readers.
import '@shopify/polaris-viz/build/esm/styles.css';
import { Text } from '@shopify/polaris';
import { LineChart, PolarisVizProvider } from '@shopify/polaris-viz';
import { useI18n } from '../hooks/use-i18n';
import { parseIsoDate } from '../lib/dates';

export interface EarnedSpentChartProps {
  series: Array<{ date: string; earned: number; spent: number }>;
}

// React 18 has no `inert` prop; an empty string sets the attribute.
const INERT = { inert: '' } as Record<string, string>;

export default function EarnedSpentChart({ series }: EarnedSpentChartProps) {
  const { t, formatNumber, formattingLocale } = useI18n();
  const dayFormat = new Intl.DateTimeFormat(formattingLocale, { day: 'numeric', month: 'short' });
  const label = (date: string) => {
    const parsed = parseIsoDate(date.slice(0, 10));
    return parsed ? dayFormat.format(parsed) : date;
  };
  const data = [
    { name: t('dashboard.chart.earned'), color: '#29845a', data: series.map((point) => ({ key: label(point.date), value: point.earned })) },
    { name: t('dashboard.chart.spent'), color: '#c05717', data: series.map((point) => ({ key: label(point.date), value: point.spent })) },
  ];
  return (
    <div data-testid="earned-spent-chart">
      {/* Hidden from screen readers (the table below carries the numbers), so nothing in it may take focus:
          inert, since polaris-viz makes every data point focusable; its legend is buttons, hence our own. */}
      <div style={{ height: 280 }} aria-hidden="true" {...INERT}>
        <PolarisVizProvider>
          <LineChart
            data={data}
            theme="Light"
            isAnimated={false}
            showLegend={false}
            yAxisOptions={{ labelFormatter: (value) => formatNumber(Number(value ?? 0)) }}
            tooltipOptions={{ valueFormatter: (value) => formatNumber(Number(value ?? 0)) }}
          />
        </PolarisVizProvider>
      </div>
      <div aria-hidden="true" style={{ display: 'flex', gap: 16, justifyContent: 'center', marginTop: 8 }}>
        {data.map((line) => (
          <span key={line.name} style={{ display: 'inline-flex', alignItems: 'center', gap: 6, fontSize: 12, color: '#4a4a4a' }}>
            <span style={{ width: 12, height: 2, background: line.color, display: 'inline-block' }} />
            {line.name}
          </span>
        ))}
      </div>
      <Text as="span" visuallyHidden>
        <table>
          <caption>{t('dashboard.chart.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.chart.date')}</th>
              <th scope="col">{t('dashboard.chart.earned')}</th>
              <th scope="col">{t('dashboard.chart.spent')}</th>
            </tr>
          </thead>
          <tbody>
            {series.map((point) => (
              <tr key={point.date}>
                <th scope="row">{label(point.date)}</th>
                <td>{formatNumber(point.earned)}</td>
                <td>{formatNumber(point.spent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Text>
    </div>
  );
}
