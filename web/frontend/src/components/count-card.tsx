import { BlockStack, Card, Text } from '@shopify/polaris';

export interface CountCardProps {
  /** Stable id for tests and styling, e.g. `members`. */
  id: string;
  label: string;
  value: string;
  help: string;
}

export function CountCard({ id, label, value, help }: CountCardProps) {
  return (
    <div data-testid={`count-${id}`} style={{ display: 'grid', height: '100%' }}>
      <Card>
        <BlockStack gap="200">
          <Text as="h3" variant="headingSm" tone="subdued">
            {label}
          </Text>
          <Text as="p" variant="heading2xl" numeric>
            {value}
          </Text>
          <Text as="p" variant="bodySm" tone="subdued">
            {help}
          </Text>
        </BlockStack>
      </Card>
    </div>
  );
}
