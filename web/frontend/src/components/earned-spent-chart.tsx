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
      <div style={{ height: 280 }} aria-hidden="true">
        <PolarisVizProvider>
          <LineChart
            data={data}
            theme="Light"
            isAnimated={false}
            yAxisOptions={{ labelFormatter: (value) => formatNumber(Number(value ?? 0)) }}
            tooltipOptions={{ valueFormatter: (value) => formatNumber(Number(value ?? 0)) }}
          />
        </PolarisVizProvider>
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
