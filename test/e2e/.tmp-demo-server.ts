import { startDemoApp } from '../support/demo-app';
void (async () => {
  const demo = await startDemoApp();
  console.log('URL', demo.url);
  require('node:fs').writeFileSync('/tmp/demo/url', demo.url);
  process.on('SIGTERM', () => void demo.close().then(() => process.exit(0)));
})();
