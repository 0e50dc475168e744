/** The part of madge's API the architecture test uses (madge ships no types). */
declare module 'madge' {
  interface MadgeResult {
    circular(): string[][];
    obj(): Record<string, string[]>;
  }
  function madge(path: string, config?: Record<string, unknown>): Promise<MadgeResult>;
  export = madge;
}
