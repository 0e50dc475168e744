/**
 * The default app: `npm run synth` writes both article stacks to `cdk8s.out/`.
 */
import { App } from 'cdk8s';
import { FirstArticleChart } from './first-article';
import { SecondArticleChart } from './second-article';

const app = new App();
new FirstArticleChart(app, 'first-article');
new SecondArticleChart(app, 'second-article');
app.synth();
