// Members per group and tier (@shopify/polaris-viz, the dashboard's own chunk like the earned/spent
// chart). A visually hidden table carries the same numbers for screen readers.
import '@shopify/polaris-viz/build/esm/styles.css';
import { Text } from '@shopify/polaris';
import { BarChart, PolarisVizProvider } from '@shopify/polaris-viz';
import { useI18n } from '../hooks/use-i18n';

export interface GroupMembersChartProps {
  groups: Array<{ id: string; name: string; memberCount: number }>;
}

// React 18 has no `inert` prop; an empty string sets the attribute.
const INERT = { inert: '' } as Record<string, string>;

export default function GroupMembersChart({ groups }: GroupMembersChartProps) {
  const { t, formatNumber } = useI18n();
  const data = [{ name: t('groups.chart.members'), color: '#2c6ecb', data: groups.map((group) => ({ key: group.name, value: group.memberCount })) }];
  return (
    <div data-testid="group-members-chart">
      <div style={{ height: Math.max(160, 40 * groups.length + 60) }} aria-hidden="true" {...INERT}>
        <PolarisVizProvider>
          <BarChart
            data={data}
            direction="horizontal"
            theme="Light"
            isAnimated={false}
            showLegend={false}
            xAxisOptions={{ labelFormatter: (value) => formatNumber(Number(value ?? 0)) }}
            tooltipOptions={{ valueFormatter: (value) => formatNumber(Number(value ?? 0)) }}
          />
        </PolarisVizProvider>
      </div>
      <Text as="span" visuallyHidden>
        <table>
          <caption>{t('groups.chart.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('groups.chart.group')}</th>
              <th scope="col">{t('groups.chart.members')}</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((group) => (
              <tr key={group.id}>
                <th scope="row">{group.name}</th>
                <td>{formatNumber(group.memberCount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Text>
    </div>
  );
}
