import { NAMESPACE_NAME_LABEL, selectorMatches } from '../../lib/simulate/label-selector';
import { namespaceLabelsOf } from '../../lib/simulate/label-selector';

describe('selectorMatches', () => {
  const labels = { team: 'a', tier: 'web' };

  test('nil selects nothing, {} selects everything', () => {
    expect(selectorMatches(undefined, labels)).toBe(false);
    expect(selectorMatches(null, labels)).toBe(false);
    expect(selectorMatches({}, labels)).toBe(true);
    expect(selectorMatches({}, {})).toBe(true);
  });

  test('matchLabels needs every pair', () => {
    expect(selectorMatches({ matchLabels: { team: 'a' } }, labels)).toBe(true);
    expect(selectorMatches({ matchLabels: { team: 'a', tier: 'db' } }, labels)).toBe(false);
  });

  test.each([
    ['In', ['a', 'b'], true],
    ['In', ['b'], false],
    ['NotIn', ['b'], true],
    ['NotIn', ['a'], false],
  ])('%s %j on team=a → %s', (operator, values, expected) => {
    expect(selectorMatches({ matchExpressions: [{ key: 'team', operator, values }] }, labels)).toBe(expected);
  });

  test('NotIn matches an absent key, In does not', () => {
    expect(selectorMatches({ matchExpressions: [{ key: 'missing', operator: 'NotIn', values: ['x'] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'missing', operator: 'In', values: ['x'] }] }, labels)).toBe(false);
  });

  test('Exists and DoesNotExist look at keys only', () => {
    expect(selectorMatches({ matchExpressions: [{ key: 'team', operator: 'Exists' }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'constructor', operator: 'Exists' }] }, labels)).toBe(false);
  });

  test('bad operators and In without values throw, naming the key', () => {
    expect(() => selectorMatches({ matchExpressions: [{ key: 'team', operator: 'Equals', values: ['a'] }] }, labels)).toThrow(/'Equals' for key 'team'/);
    expect(() => selectorMatches({ matchExpressions: [{ key: 'team', operator: 'In', values: [] }] }, labels)).toThrow(/at least one value/);
  });

  test('namespace labels always include kubernetes.io/metadata.name', () => {
    expect(namespaceLabelsOf('prometheus')).toStrictEqual({ [NAMESPACE_NAME_LABEL]: 'prometheus' });
    expect(namespaceLabelsOf('x', { x: { env: 'prod', [NAMESPACE_NAME_LABEL]: 'spoofed' } })).toStrictEqual({ env: 'prod', [NAMESPACE_NAME_LABEL]: 'x' });
  });
});
