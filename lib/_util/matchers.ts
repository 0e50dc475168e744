import { Matcher, MatchType } from '../alertmanager/matcher';
import { fits, known } from './shape';
import { checkLabelName, checkMatcherRegex } from '../validation';
import { message } from './problems';

const TYPES = new Set<string>(Object.values(MatchType));

/**
 * Checks Alertmanager matchers: known match types, valid label names, RE2 regexes.
 * @returns the problems, each naming its field
 * @internal
 */
export function checkMatchers(field: string, matchers: readonly Matcher[]): string[] {
  const problems: string[] = [];
  matchers.forEach((m, i) => {
    const f = `${field}[${i}]`;
    if (!fits(known.matcher, m)) {
      problems.push(message(f, m, 'must be a Matcher', `use Matcher.eq('severity', 'critical'), Matcher.regex(...) and the like`));
      return;
    }
    if (!TYPES.has(m.matchType)) {
      problems.push(message(`${f}.matchType`, m.matchType, 'unknown match type', `use one of ${[...TYPES].map((t) => `'${t}'`).join(', ')} (MatchType.EQUAL, NOT_EQUAL, REGEX, NOT_REGEX)`));
    }
    problems.push(...checkLabelName(`${f}.name`, m.name));
    if (typeof m.value !== 'string') {
      problems.push(message(`${f}.value`, m.value, 'must be a string', 'quote the value'));
    } else if (m.isRegex) {
      problems.push(...checkMatcherRegex(`${f}.value`, m.value));
    }
  });
  return problems;
}
