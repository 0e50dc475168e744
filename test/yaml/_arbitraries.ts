/** Strings for the YAML property tests. */
import * as fc from 'fast-check';

/** Pieces that hit `yaml`'s rules: indicators, document markers, typed-looking words, whitespace. */
export const PIECES = [
  '', ' ', '  ', '\t', '\n', '\n\n', ' \n', '\n ', '\r\n', ':', ': ', ' :', '#', ' #', '- ', '-', '?', '? ', '|', '>', '!', '&', '*', '%', '@', '`',
  ',', '[', ']', '{', '}', '"', "'", '\\', '---', '...', '--- x', '<<', '=', '~', 'null', 'Null', 'NULL', 'yes', 'no', 'on', 'off', 'y', 'n', 'Y', 'N',
  'True', 'false', 'TRUE', '0o17', '017', '0x1F', '0b101', '1_000', '1:20', '190:20:30.15', '1e3', '1E3', '.inf', '-.Inf', '.nan', '.5', '1.',
  '+1', '-0', '-0o17', '0O17', '0o1_7', '1e1_0', '0X1F', '2001-12-14', '2001-12-14t21:59:43.10-05:00', 'a', 'abc', 'monitoring.coreos.com/v1', 'sum(rate(x[5m])) > 0', '{{ $labels.job }}',
  'é', '日本', '😀', '\u0000', '\u0007', '\u001b', '\u0085', '\u00a0', '\u2028', '\u2029', '\ud800', '\udfff', '\ufeff', '\x7f',
];

const piece = fc.constantFrom(...PIECES);
/** Strings made of the pieces above and of arbitrary characters, so both the rules and the unknown are covered. */
export const text = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.oneof(piece, fc.string({ maxLength: 4 })), { maxLength: 8 }).map((xs) => xs.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 3 }), fc.integer({ min: 0, max: 1200 }), fc.constantFrom('x', ' ', '\n', 'a b')).map(([a, n, c]) => a + c.repeat(n)) },
);
