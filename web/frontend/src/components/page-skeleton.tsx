import { BlockStack, Card, InlineGrid, Layout, SkeletonBodyText, SkeletonDisplayText, SkeletonPage } from '@shopify/polaris';

/** A loading page: an optional row of number cards and a table-sized card. */
export function PageSkeleton({ title, cards = 0, primaryAction = false }: { title?: string; cards?: number; primaryAction?: boolean }) {
  return (
    <SkeletonPage title={title} primaryAction={primaryAction}>
      <Layout>
        {cards > 0 && (
          <Layout.Section>
            <InlineGrid columns={{ xs: 1, sm: 2, md: Math.min(cards, 4) }} gap="400">
              {Array.from({ length: cards }, (_, index) => (
                <CountCardSkeleton key={index} />
              ))}
            </InlineGrid>
          </Layout.Section>
        )}
        <Layout.Section>
          <Card>
            <SkeletonBodyText lines={8} />
          </Card>
        </Layout.Section>
      </Layout>
    </SkeletonPage>
  );
}

/** A number card (label over value) while its number loads. */
export function CountCardSkeleton() {
  return (
    <Card>
      <BlockStack gap="300">
        <SkeletonBodyText lines={1} />
        <SkeletonDisplayText size="medium" />
      </BlockStack>
    </Card>
  );
}

/** Just the table part, for a page whose frame is already on screen. */
export function TableSkeleton({ lines = 8 }: { lines?: number }) {
  return (
    <div style={{ padding: 'var(--p-space-400)' }}>
      <SkeletonBodyText lines={lines} />
    </div>
  );
}
