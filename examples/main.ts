/**
 * The default app: `npm run synth` writes both article stacks to `cdk8s.out/`.
 * AlertingApp checks the whole stack first and writes nothing when a check fails.
 */
import { AlertingApp } from '../lib';
import { FirstArticleChart } from './first-article';
import { SecondArticleChart } from './second-article';

const app = new AlertingApp();
new FirstArticleChart(app, 'first-article');
new SecondArticleChart(app, 'second-article');
app.synth();
