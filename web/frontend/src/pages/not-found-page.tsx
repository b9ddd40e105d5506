import { Card, Layout, Page, Text } from '@shopify/polaris';
import { useI18n } from '../hooks/use-i18n';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Page title={t('notFound.title')} backAction={{ content: t('notFound.back'), url: '/' }}>
      <Layout>
        <Layout.Section>
          <Card>
            <Text as="p">{t('notFound.body')}</Text>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
